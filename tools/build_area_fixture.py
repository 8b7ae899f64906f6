"""Build areas/data/vn-units.json.gz from the GSO snapshots in ../shared/data/areas/.

Run once when the reference data changes:
    python tools/build_area_fixture.py ../shared/data/areas areas/data/vn-units.json.gz

The fixture models *identity over time* (see areas/models.py): a unit keeps one row while its code,
parent and territory stay the same; a change of name or kind alone is recorded as a former name.
Every change of territory or parent starts a new row, linked to the old one by a succession.

What the snapshots can and cannot tell:
- 10/04/2023 → 01/03/2025: the files give the before and after but not which unit absorbed a vanished
  one, nor the exact date (most changes of that round took effect on 01/01/2025, some late in 2024).
  Same-code units are kept as one row (renamed where the name changed); vanished units end on
  01/01/2025 with no successor unless CURATED_2025 below records it from a checked source.
- 01/07/2025: the merges file is exact (every new commune with the old units merged into it, full or
  partial); the district level ends for every province.
"""

import gzip
import json
import sys
from pathlib import Path

REFORM_2025_01 = "2025-01-01"
REFORM_2025_07 = "2025-07-01"

BASIS_2025_01 = (
    "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp huyện, cấp xã "
    "giai đoạn 2023–2025 (hiệu lực chủ yếu từ 01/01/2025)"
)
BASIS_2025_07_PROVINCES = "Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh (hiệu lực 01/07/2025)"
BASIS_2025_07_COMMUNES = "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025"
BASIS_2025_07_BY_PROVINCE = {
    # Resolution named in ../shared/data/areas/README.md for the communes of the new Ninh Bình.
    "37": "Nghị quyết số 1674/NQ-UBTVQH15 về sắp xếp đơn vị hành chính cấp xã của tỉnh Ninh Bình năm 2025",
}

# Changes of the 2023–2025 round that the snapshots cannot show, each from a checked source:
# new unit code → old unit codes merged into it (all in full).
CURATED_2025 = {
    # Kim Bảng: Xã Nhật Tựu + Xã Nhật Tân → Phường Tân Tựu (../shared/data/areas/README.md).
    "13402": ["13399", "13402"],
}

KINDS = {
    "Tỉnh": "province",
    "Thành phố Trung ương": "central_city",
    "Huyện": "rural_district",
    "Quận": "urban_district",
    "Thị xã": "district_town",
    "Thành phố": "provincial_city",
    "Xã": "commune",
    "Phường": "ward",
    "Thị trấn": "township",
    "Đặc khu": "special_zone",
}


def kind_from_name(name: str, level: int) -> str:
    """The 2025 mapping has no type field: the name's prefix is the kind."""
    if level == 1:
        return "central_city" if name.startswith("Thành phố") else "province"
    for prefix in ("Đặc khu", "Phường", "Xã"):
        if name.startswith(prefix):
            return KINDS[prefix]
    raise ValueError(f"Unknown kind for {name!r}")


def key(code: str, valid_from: str | None) -> str:
    return code if valid_from is None else f"{code}@{valid_from}"


class Builder:
    def __init__(self) -> None:
        self.units: dict[str, list] = {}  # key → [key, code, name, kind, parent_key, from, to]
        self.former: list[list] = []  # [key, former name, former kind, until]
        self.successions: list[list] = []  # [old key, new key, full|partial, date, basis]

    def add(self, code, name, kind, parent, valid_from=None, valid_to=None) -> str:
        k = key(code, valid_from)
        assert k not in self.units, k
        self.units[k] = [k, code, name, kind, parent, valid_from, valid_to]
        return k

    def build(self, old: list, mid: list, merges: list) -> dict:
        mid_by_province = {p["level1_id"]: p for p in mid}
        for province in old:
            self.province(province, mid_by_province[province["level1_id"]])
        for province in mid:
            if key(province["level1_id"], None) not in self.units:
                raise ValueError(f"Province {province['level1_id']} appears only in 2025: not handled")
        self.reform_2025_07(merges)
        return {
            "about": __doc__.split("\n\n")[0],
            "units": list(self.units.values()),
            "former_names": self.former,
            "successions": self.successions,
        }

    def province(self, old: dict, mid: dict) -> None:
        pk = self.add(old["level1_id"], old["name"], KINDS[old["type"]], None)
        self.rename(pk, old, mid, REFORM_2025_01)
        old_districts = {d["level2_id"]: d for d in old["level2s"]}
        mid_districts = {d["level2_id"]: d for d in mid["level2s"]}
        old_communes = {c["level3_id"]: (d["level2_id"], c) for d in old["level2s"] for c in d["level3s"]}
        mid_communes = {c["level3_id"]: (d["level2_id"], c) for d in mid["level2s"] for c in d["level3s"]}
        curated_new = {code for code in CURATED_2025 if code in mid_communes}
        curated_old = {old_code for code in curated_new for old_code in CURATED_2025[code]}

        for dcode, d in old_districts.items():
            dk = self.add(dcode, d["name"], KINDS[d["type"]], pk, valid_to=REFORM_2025_07)
            if dcode in mid_districts:
                self.rename(dk, d, mid_districts[dcode], REFORM_2025_01)
            else:
                self.units[dk][6] = REFORM_2025_01
        for dcode, d in mid_districts.items():
            if dcode not in old_districts:
                self.add(dcode, d["name"], KINDS[d["type"]], pk, REFORM_2025_01, REFORM_2025_07)

        def district_key(dcode: str) -> str:
            return key(dcode, None if dcode in old_districts else REFORM_2025_01)

        for ccode, (dcode, c) in old_communes.items():
            ck = self.add(ccode, c["name"], KINDS[c["type"]], district_key(dcode), valid_to=REFORM_2025_07)
            later = mid_communes.get(ccode)
            if later is None or later[0] != dcode or ccode in curated_old:
                self.units[ck][6] = REFORM_2025_01
            else:
                self.rename(ck, c, later[1], REFORM_2025_01)
        for ccode, (dcode, c) in mid_communes.items():
            continued = ccode in old_communes and old_communes[ccode][0] == dcode and ccode not in curated_old
            if continued:
                continue
            nk = self.add(ccode, c["name"], KINDS[c["type"]], district_key(dcode), REFORM_2025_01, REFORM_2025_07)
            for old_code in CURATED_2025.get(ccode, []):
                self.successions.append([key(old_code, None), nk, "full", REFORM_2025_01, BASIS_2025_01])
            if ccode in old_communes and ccode not in curated_old:
                # Same code under another district: the unit moved, its territory did not change.
                self.successions.append([key(ccode, None), nk, "full", REFORM_2025_01, BASIS_2025_01])

    def rename(self, k: str, before: dict, after: dict, on: str) -> None:
        if before["name"] != after["name"] or before["type"] != after["type"]:
            self.former.append([k, before["name"], KINDS[before["type"]], on])
            self.units[k][2] = after["name"]
            self.units[k][3] = KINDS[after["type"]]

    def commune_key_on_2025_06_30(self, code: str) -> str:
        for k in (key(code, None), key(code, REFORM_2025_01)):
            unit = self.units.get(k)
            if unit and unit[6] == REFORM_2025_07:
                return k
        raise KeyError(code)

    def reform_2025_07(self, merges: list) -> None:
        for province in merges:
            code, name = province["level1_id"], province["name"]
            old = province["merges"]
            same = len(old) == 1 and old[0]["old_id"] == code and self.units[key(code, None)][2] == name
            if same:
                pk = key(code, None)
            else:
                pk = self.add(code, name, kind_from_name(name, 1), None, REFORM_2025_07)
                for o in old:
                    self.units[key(o["old_id"], None)][6] = REFORM_2025_07
                    self.successions.append(
                        [key(o["old_id"], None), pk, o["type"], REFORM_2025_07, BASIS_2025_07_PROVINCES]
                    )
            basis = BASIS_2025_07_BY_PROVINCE.get(code, BASIS_2025_07_COMMUNES)
            for commune in province["level2s"]:
                ck = self.add(
                    commune["level2_id"],
                    commune["name"],
                    kind_from_name(commune["name"], 2),
                    pk,
                    REFORM_2025_07,
                )
                for o in commune["merges"]:
                    old_key = self.commune_key_on_2025_06_30(o["old_id"])
                    self.successions.append([old_key, ck, o["type"], REFORM_2025_07, basis])


def main(source: str, target: str) -> None:
    src = Path(source)
    old = json.loads((src / "units-2023-04-10.json").read_text())["data"]
    mid = json.loads((src / "units-2025-03-01.json").read_text())["data"]
    merges = json.loads((src / "units-2025-07-01-merges.json").read_text())["data"]
    data = Builder().build(old, mid, merges)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    with gzip.GzipFile(target, "wb", mtime=0) as fh:
        fh.write(payload)
    print(
        f"{len(data['units'])} units, {len(data['former_names'])} former names, "
        f"{len(data['successions'])} successions → {target}"
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
