/** Report tables built from metric tables: shared by every report script. */
export { outcomesTable, type OutcomesTableOptions } from "./outcomes.ts";
export { budgetTable, type BudgetTableOptions } from "./budget.ts";
export { byGender, cellValue } from "./rows.ts";
export { codeNames } from "./labels.ts";
export { genderTable, measuresByGender, type GenderTableOptions, type MeasuresTableOptions } from "./gender.ts";
export { catalogueTable, type CatalogueTableOptions } from "./catalogue.ts";
