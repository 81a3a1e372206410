"""The benchmark job in pandas (C engine), as an analyst would write it.

    /usr/bin/python3 bench/peers/pandas_job.py <file>

Loads the Windows-1252 participants export (title line skipped, footer row dropped, every column
read as text), parses the dates it uses, normalises identity numbers to 12 digits for counting
persons, and prints the canonical 36-row result (bench/peers/README.md).
"""
import sys

import numpy as np
import pandas as pd

FROM, TO = pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31")
REFERENCE_YEAR = 2024
REASONS = {"a": "A", "b": "B", "c": "C", "d": "D", "e": "E", "arbete": "A", "studier": "B",
           "annan myndighet": "C", "fullföljt uppdrag": "D", "övrigt": "E"}
MUNICIPAL = {"resursjobb", "valfardsjobb", "resurs jobb", "välfärdsjobb"}
GENDERS = ["K", "M", "X", "T"]

df = pd.read_csv(sys.argv[1], sep=";", skiprows=1, encoding="cp1252", dtype=str, engine="c")
df = df[df["Insats"].notna()]  # the footer line "Antal rader: N" has one field

digits = df["Personnummer"].str.replace("-", "", regex=False)
short = digits.str.len() == 10
century = np.where(digits[short].str[:2].astype(int) + 2000 <= REFERENCE_YEAR, "20", "19")
digits[short] = century + digits[short]
df["pid"] = digits
start = pd.to_datetime(df["Startdatum"], format="%Y-%m-%d")
end = pd.to_datetime(df["Slutdatum"], format="%Y-%m-%d")

# A person's gender: K or M when the rows agree, else X (unknown or conflicting).
flags = pd.DataFrame({"pid": df["pid"], "k": df["Kön"] == "K", "m": df["Kön"] == "M"}).groupby("pid").any()
person_gender = pd.Series(np.where(flags["k"] & ~flags["m"], "K", np.where(flags["m"] & ~flags["k"], "M", "X")), index=flags.index)
df["gender"] = df["pid"].map(person_gender)

reason = df["Avslutsorsak"].str.strip().str.lower().map(REASONS).fillna("E")
form = df["Anställningsform"].str.strip().str.lower()
overlap = (start <= TO) & (end.isna() | (end >= FROM))
ended = (end >= FROM) & (end <= TO)
work = ended & ((reason == "B") | ((reason == "A") & ~form.isin(MUNICIPAL)))

part = df[overlap]
participants = pd.concat([
    part.groupby(["Insats", "gender"])["pid"].nunique(),
    part.groupby("Insats")["pid"].nunique().to_frame().assign(gender="T").set_index("gender", append=True)["pid"],
])
e = pd.DataFrame({"Insats": df["Insats"], "gender": df["gender"], "ended": ended, "work": work,
                  **{f"ended{r}": ended & (reason == r) for r in "ABCDE"}})
counts = e.groupby(["Insats", "gender"]).sum()
counts = pd.concat([counts, e.drop(columns="gender").groupby("Insats").sum().assign(gender="T").set_index("gender", append=True)])

print("programme;gender;participants;ended;endedA;endedB;endedC;endedD;endedE;workOrStudies;share")
for prog in sorted(df["Insats"].unique()):
    for g in GENDERS:
        c = counts.loc[(prog, g)] if (prog, g) in counts.index else None
        vals = [int(c[k]) if c is not None else 0 for k in ["ended", "endedA", "endedB", "endedC", "endedD", "endedE", "work"]]
        n = int(participants.get((prog, g), 0))
        share = "%.6f" % (vals[-1] / vals[0]) if vals[0] else ""
        print(";".join([prog, g, str(n), *map(str, vals), share]))
