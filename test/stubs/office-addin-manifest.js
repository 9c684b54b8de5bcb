// office-addin-mock imports office-addin-manifest only for its host enum; the real package
// pulls an ESM-only dependency that jest on Node 20 cannot load (engineering.md).
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
