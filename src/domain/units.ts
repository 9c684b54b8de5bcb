/** Units of measure: how many base units one unit of an item holds. */
import { key, Records } from "./model";

/** Qty. per Unit of Measure of an item's unit; 1 for the base unit (or none); undefined if unknown. */
export function unitFactor(
  records: Pick<Records, "items" | "itemUnits">,
  itemNo: string,
  unitOfMeasureCode: string | undefined
): number | undefined {
  const item = records.items.get(key(itemNo));
  if (!unitOfMeasureCode || (item && key(item.baseUnitOfMeasure) === key(unitOfMeasureCode)))
    return 1;
  return records.itemUnits.get(key(itemNo))?.get(key(unitOfMeasureCode))?.qtyPerUnitOfMeasure;
}
