/** Saves bytes as a file the browser downloads (the pane where Excel cannot open a workbook, the playground). */
export function downloadFile(data: ArrayBuffer | Blob, name: string): void {
  const blob =
    data instanceof Blob
      ? data
      : new Blob([data], {
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}
