// Fixtures for the chart builder tests: small metric tables in long form.
export const LONG_LABEL = "Arbetsmarknadsutbildning för nyanlända vuxna"; // 44 characters

export const OUTCOMES = [
  { programme: "JOBBSP", provider: "AME Egen regi", gender: "T", endedA: 87, endedB: 30, endedC: 20, endedD: 50, endedE: 25 },
  { programme: "JOBBSP", provider: "AME Egen regi", gender: "K", endedA: 40, endedB: 20, endedC: 10, endedD: 20, endedE: 10 },
  { programme: "AMU", provider: "Lärande AB", gender: "T", endedA: 12, endedB: 9, endedC: 3, endedD: 20, endedE: 6 },
  { programme: "IPS", provider: "AME Egen regi", gender: "T", endedA: 40, endedB: 2, endedC: 1, endedD: 5, endedE: 4 },
];
export const PROGRAMME_NAMES = { JOBBSP: "Jobbspåret", AMU: LONG_LABEL, IPS: "IPS" };

export const GENDER = [
  { programme: "Jobbspåret", gender: "K", participants: 68 },
  { programme: "Jobbspåret", gender: "M", participants: 32 },
  { programme: "Jobbspåret", gender: "T", participants: 100 },
  { programme: LONG_LABEL, gender: "K", participants: 31 },
  { programme: LONG_LABEL, gender: "M", participants: 66 },
  { programme: LONG_LABEL, gender: "X", participants: 3 },
  { programme: "IPS", gender: "K", participants: null },
  { programme: "IPS", gender: "M", participants: 12 },
];

export const BUDGET = [
  { unit: "Ekonomiskt bistånd", budgetPeriod: 12_000_000_000, outcomePeriod: 10_800_000_000, deviationPeriod: 1_200_000_000, budgetYear: 36_000_000_000, forecast: 34_000_000_000, deviationForecast: 2_000_000_000 },
  { unit: "Arbetsmarknadsenheten", budgetPeriod: 4_000_000_000, outcomePeriod: 4_110_000_000, deviationPeriod: -110_000_000, budgetYear: 12_000_000_000, forecast: 12_500_000_000, deviationForecast: -500_000_000 },
  { unit: LONG_LABEL, budgetPeriod: 1_500_000_000, outcomePeriod: 1_250_000_000, deviationPeriod: 250_000_000, budgetYear: 4_500_000_000, forecast: 4_000_000_000, deviationForecast: 500_000_000 },
];

export const CUMULATIVE = [
  { month: "2023-01", budgetCumulative: 1_000_000_000, outcomeCumulative: 950_000_000 },
  { month: "2023-02", budgetCumulative: 2_000_000_000, outcomeCumulative: 2_050_000_000 },
  { month: "2023-03", budgetCumulative: 3_000_000_000, outcomeCumulative: 2_900_000_000 },
  { month: "2023-04", budgetCumulative: 4_000_000_000, outcomeCumulative: 3_670_000_000 },
];

export const AGES = [
  { ageBand: "16–24", gender: "K", participants: 20 },
  { ageBand: "16–24", gender: "M", participants: 25 },
  { ageBand: "25–29", gender: "K", participants: 51 },
  { ageBand: "25–29", gender: "M", participants: 47 },
  { ageBand: "30–59", gender: "K", participants: 40 },
  { ageBand: "30–59", gender: "M", participants: 38 },
  { ageBand: "60–", gender: "K", participants: null },
  { ageBand: "60–", gender: "M", participants: 7 },
];

export const TIMES = [
  { band: "0–3 mån", gender: "K", participants: 30 },
  { band: "0–3 mån", gender: "M", participants: 28 },
  { band: "0–3 mån", gender: "X", participants: 1 },
  { band: "4–12 mån", gender: "K", participants: 44 },
  { band: "4–12 mån", gender: "M", participants: 61 },
  { band: "4–12 mån", gender: "X", participants: 0 },
  { band: "över 12 mån", gender: "K", participants: 12 },
  { band: "över 12 mån", gender: "M", participants: 9 },
  { band: "över 12 mån", gender: "X", participants: 0 },
];

export const KOLADA = [
  { municipality: "Exempelby", value: 38.2, isOwn: true },
  { municipality: "Västerås", value: 41.5 },
  { municipality: "Eskilstuna", value: 29.04 },
  { municipality: "Linköping", value: 44.75 },
  { municipality: "Sundbyberg", value: NaN, status: "suppressed" },
  { municipality: "Riket", value: 35.1, isAverage: true },
];
