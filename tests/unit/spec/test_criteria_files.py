"""The bundled criteria files against the seeds and DOMAIN.md's reading of them."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pytest

from hoctap import load
from hoctap.spec.models import Attested, Change, CriteriaSet, Percent

DISTRICT_IDS = [
    "1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3",
    "2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.3", "2.2.4",
    "3.1.1", "3.1.2", "3.2.1", "3.2.2", "3.2.3",
]  # fmt: skip
PROVINCE_IDS = [
    "1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3",
    "2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.3", "2.2.4",
    "3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.2.1", "3.2.2", "3.2.3", "3.2.4",
]  # fmt: skip

# DOMAIN.md's threshold table: indicator → (operator, value) for shares; "attested";
# or ("change", direction, unit, operator, value).
DISTRICT_RULES: dict[str, object] = {
    **dict.fromkeys(["1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1"], "attested"),
    **dict.fromkeys(["2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.4"], (">=", "70")),
    "2.2.3": (">=", "100"),
    "3.1.1": ("change", "fall", "points", ">=", "1.5"),
    "3.1.2": (">=", "90"),
    "3.2.2": ("<", "0.05"),
    "3.2.3": (">=", "50"),
}
PROVINCE_RULES: dict[str, object] = {
    **dict.fromkeys(["1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "3.2.1", "3.2.2"], "attested"),
    **dict.fromkeys(["2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.3", "2.2.4"], (">=", "70")),
    "3.1.1": ("change", "rise", "absolute", ">", "0"),
    "3.1.2": ("change", "fall", "points", ">=", "1.5"),
    "3.1.3": ("change", "rise", "absolute", ">", "0"),
    "3.1.4": (">=", "66"),
    "3.1.5": (">=", "90"),
    "3.2.3": ("<", "0.05"),
    "3.2.4": (">=", "50"),
}
# Lead agencies of the city set named in DOMAIN.md.
CITY_LEADS = {
    "1.1.1": "Văn phòng UBND thành phố",
    "2.2.1": "Sở Thông tin và Truyền thông",
    "3.1.1": "Cục Thống kê thành phố",
    "3.1.2": "Sở Lao động - Thương binh và Xã hội",
    "3.1.3": "Sở Khoa học và Công nghệ",
    "3.2.4": "Sở Nội vụ",
}


def _rule(spec: CriteriaSet, ind_id: str) -> object:
    measure = spec.indicator(ind_id).measure
    if isinstance(measure, Attested):
        return "attested"
    if isinstance(measure, Percent):
        return (measure.meets.op, str(measure.meets.value))
    assert isinstance(measure, Change)
    m = measure.meets
    return ("change", measure.direction, measure.unit, m.op, str(m.value))


@pytest.mark.parametrize(
    ("name", "ids", "rules"),
    [
        ("district", DISTRICT_IDS, DISTRICT_RULES),
        ("district-haiphong", DISTRICT_IDS, DISTRICT_RULES),
        ("city", PROVINCE_IDS, PROVINCE_RULES),
        ("province", PROVINCE_IDS, PROVINCE_RULES),
    ],
)
def test_structure_and_every_threshold(name: str, ids: list[str], rules: dict[str, object]) -> None:
    spec = load(name)
    assert list(spec.indicators) == ids
    assert (len(spec.standards), len(spec.criteria), len(spec.indicators)) == (3, 6, len(ids))
    assert {i: _rule(spec, i) for i in ids} == rules


def test_recognition_rules_of_the_district_sets() -> None:
    for name in ("district", "district-haiphong"):
        rec = load(name).recognition
        assert [p.all_met for p in rec.prerequisites] == [
            ("1.1", "1.2", "3.1", "3.2", "2.2.3"),
            ("2.1", "2.2.1", "2.2.2", "2.2.4"),
        ]
        assert load(name).expand(rec.banded) == ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.4")


@pytest.mark.parametrize("name", ["city", "province"])
def test_recognition_rules_of_the_city_and_province_sets(name: str) -> None:
    spec = load(name)
    rec = spec.recognition
    assert [p.all_met for p in rec.prerequisites] == [("1.1", "1.2", "3.1", "3.2"), ("2.1", "2.2")]
    assert spec.expand(rec.banded) == ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.3", "2.2.4")


@pytest.mark.parametrize("name", ["district", "city", "province"])
def test_bands_read_as_the_law_says(name: str) -> None:
    levels = load(name).recognition.levels
    assert [b.rule() for b in levels] == [
        "70% ≤ value ≤ 80% → level 1",
        "80% < value ≤ 90% → level 2",
        "90% < value ≤ 100% → level 3",
    ]
    assert load(name).recognition.combine == "lowest"


def test_every_city_indicator_has_a_lead_and_coordinating_agencies() -> None:
    city = load("city")
    for ind in city.indicators.values():
        assert ind.lead, ind.id
        assert ind.coordinating, ind.id
    assert {i: city.indicator(i).lead for i in CITY_LEADS} == CITY_LEADS


def test_every_province_indicator_has_evidence_guidance() -> None:
    for ind in load("province").indicators.values():
        assert ind.evidence is not None, ind.id


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("hoá", "hóa").replace("/ ", "/")
    return re.sub(r"\s+", " ", text).strip().rstrip(".")


@pytest.mark.parametrize("name", ["district", "province"])
def test_vietnamese_texts_are_the_seed_s_own(name: str, seed_004: str) -> None:
    """Every text and evidence is in 004 word for word, or its correction is noted."""
    annex = "PHỤ LỤC 1" if name == "district" else "PHỤ LỤC 2"
    start = seed_004.index(annex)
    end = seed_004.index("PHỤ LỤC 2") if name == "district" else len(seed_004)
    source = _norm(seed_004[start:end])
    corrected = []
    for ind in load(name).indicators.values():
        texts = [f"{ind.id}. {_norm(ind.text.vi)}"]
        if ind.evidence:
            texts.append(_norm(ind.evidence.vi))
        if any(t not in source for t in texts):
            assert ind.interpretation is not None, ind.id
            assert "corrected" in ind.interpretation.en, ind.id
            corrected.append(ind.id)
    assert corrected == {"district": ["1.1.1", "3.1.1", "3.1.2"], "province": ["3.1.2"]}[name]


def test_district_variants_share_the_rules_in_their_own_words() -> None:
    brvt, haiphong = load("district"), load("district-haiphong")
    assert "GDNN-GDTX" in haiphong.indicator("2.2.3").text.vi
    assert "GDNN-GDTX" not in brvt.indicator("2.2.3").text.vi
    assert "quận/huyện học tập" in haiphong.standards[0].title.vi
    assert "huyện/thành phố học tập" in brvt.standards[0].title.vi
    assert haiphong.legal_basis[0].number == "02/KH-UBND"
    assert haiphong.recognition.clause == "02/KH-UBND, Phụ lục I, mục 1"
    assert (
        haiphong.clause_of(haiphong.indicator("2.2.3")) == "02/KH-UBND, Phụ lục III, chỉ báo 2.2.3"
    )
    # The wording is each locality's; the rules and the readings are the one pilot set's.
    for ind_id in DISTRICT_IDS:
        assert brvt.indicator(ind_id).measure.model_dump(exclude={"counted", "total"}) == (
            haiphong.indicator(ind_id).measure.model_dump(exclude={"counted", "total"})
        )
    for mine, theirs in zip(brvt.recognition.levels, haiphong.recognition.levels, strict=True):
        assert mine.evolve(text=theirs.text) == theirs
    assert [p.all_met for p in brvt.recognition.prerequisites] == [
        p.all_met for p in haiphong.recognition.prerequisites
    ]


def test_percent_thresholds_are_exact_decimals() -> None:
    measure = load("district").indicator("3.2.2").measure
    assert isinstance(measure, Percent)
    assert measure.meets.below == Decimal("0.05")
