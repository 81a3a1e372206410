// What the sample reports know about the (fictional) municipality beyond its exports: the names
// of its cost centres and its Kolada id. A municipality using utfall edits this file.
// (Files starting with "_" are not reports; `utfall build` skips them.)

/** Cost centre (ansvar) → name. */
export const UNIT_NAMES: Readonly<Record<string, string>> = {
  "4500": "Administration",
  "4510": "Ekonomiskt bistånd",
  "4520": "Arbetsmarknadsenheten",
  "4530": "IPS",
  "4540": "Subventionerade anställningar",
};

/** Kolada municipality id of Exempelby kommun. */
export const OWN_MUNICIPALITY = "9999";
