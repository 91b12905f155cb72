"""The one bilingual vocabulary of hoctap's views: each phrase written once, in both languages.

The trace, the reports, the annex, the forms and the duties each pick the phrases they
show from here (`pick`), under the names they use, so the same thing cannot be worded two
ways ("Bộ tiêu chí" is "Criteria set" everywhere). A view's own sentences, built around
data, stay beside the code that builds them.

>>> VOCABULARY["decided_by"].render("vi"), VOCABULARY["decided_by"].render("en")
('Quyết định bởi', 'Decided by')
>>> pick("result", missing="still_missing")["missing"].en
'Still missing'
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING

from hoctap._json import exact_text
from hoctap.errors import Message

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hoctap.errors import Lang

__all__ = ["VOCABULARY", "pick", "write_number"]

_PHRASES: dict[str, Message] = {
    # outcomes and results, as the trace and every table of results say them
    "met": Message("đạt", "met"),
    "not_met": Message("không đạt", "not met"),
    "missing": Message("chưa có số liệu", "no data"),
    "not_applicable": Message("không áp dụng", "not applicable"),
    "recognition_over_time": Message("Công nhận qua các năm", "Recognition over time"),
    "applies_to": Message("Áp dụng", "Applies to"),
    "deadlines": Message("Thời hạn", "Deadlines"),
    "not_recognised": Message("không được công nhận", "not recognised"),
    "incomplete": Message("chưa đủ số liệu để kết luận", "incomplete: not enough data to decide"),
    "counted": Message("được tính", "counted"),
    "not_counted": Message("không được tính", "not counted"),
    "unknown": Message("chưa rõ", "unknown"),
    "none_read_as": Message("không có (0/0), đọc là {read}", "none (0/0), read as {read}"),
    "not_recognised_heading": Message("Không được công nhận", "Not recognised"),
    "incomplete_heading": Message("Chưa đủ số liệu", "Incomplete"),
    "failing": Message("Chưa đạt", "Not met"),
    # an evaluation and its trace
    "result": Message("Kết quả", "Result"),
    "decided_by": Message("Quyết định bởi", "Decided by"),
    "levels_possible": Message("Các mức còn có thể", "Levels still possible"),
    "still_possible": Message("còn có thể", "still possible"),
    "level_reached": Message("mức đạt được", "level reached"),
    "next": Message("Để lên mức tiếp theo", "Standing before the next level"),
    "still_missing": Message("Còn thiếu số liệu", "Still missing"),
    "trace": Message("Diễn giải", "Trace"),
    "full_trace": Message("Diễn giải đầy đủ", "Full trace"),
    "decisive": Message("★ = bước quyết định", "★ = decisive step"),
    "decision": Message("Kết luận", "Decision"),
    "observed": Message("giá trị", "observed"),
    "note": Message("Lưu ý", "Note"),
    "none": Message("không có", "none"),
    "dash": Message("—", "—"),
    "level": Message("mức độ", "level"),
    "level_column": Message("Mức", "Level"),
    "band_column": Message("Mức", "Level band"),
    "against_bands": Message("So với các mức", "Against the bands"),
    "minimum_thresholds": Message("Ngưỡng tối thiểu", "Minimum thresholds"),
    "period_of": Message("kỳ", "period"),
    "period": Message("Kỳ đánh giá", "Period"),
    "period_year": Message("Kỳ đánh giá (năm)", "Period (year)"),
    "district_unit": Message("Đơn vị cấp huyện", "District-level unit"),
    "unit": Message("Đơn vị", "Unit"),
    "units": Message("đơn vị", "units"),
    "unit_name": Message("Tên đơn vị", "Unit's name"),
    "unit_kind": Message("Loại đơn vị", "Kind of unit"),
    "value": Message("Giá trị", "Value"),
    "outcome": Message("Đánh giá", "Outcome"),
    # a criteria set and its annex
    "criteria_set": Message("Bộ tiêu chí", "Criteria set"),
    "criteria_set_fixed": Message("Bộ tiêu chí (không sửa)", "Criteria set (do not change)"),
    "criteria_file": Message("Tệp bộ tiêu chí", "Criteria file"),
    "file": Message("Tệp", "File"),
    "standard": Message("Tiêu chuẩn", "Standard"),
    "criterion": Message("Tiêu chí", "Criterion"),
    "indicator": Message("Chỉ báo", "Indicator"),
    "chi_tieu": Message("Chỉ tiêu", "Indicator"),
    "part": Message("Phần", "Part"),
    "text": Message("Nội dung", "Text"),
    "evidence": Message("Hướng dẫn đánh giá", "Evidence"),
    "lead": Message("Chủ trì, tham mưu", "Lead agency"),
    "coordinating": Message("Phối hợp", "Coordinating"),
    "meets": Message("Yêu cầu", "Meets when"),
    "reading": Message("Cách hiểu", "Reading"),
    "readings": Message("Cách hiểu và đính chính của hoctap", "hoctap's readings and corrections"),
    "see_reading": Message("xem cách hiểu", "see the reading of"),
    "correction": Message("Đính chính", "Correction"),
    "source": Message("Nguồn", "Source"),
    "notes": Message("Ghi chú", "Notes"),
    "basis": Message("Căn cứ", "Legal basis"),
    "related": Message("Văn bản liên quan", "Related document"),
    "in_force": Message("Hiệu lực", "In force"),
    "recognition_rules": Message("Điều kiện công nhận", "Recognition rules"),
    "recognition_rules_title": Message("ĐIỀU KIỆN CÔNG NHẬN", "RECOGNITION RULES"),
    "prerequisite": Message("Điều kiện tiên quyết", "Prerequisite"),
    "prerequisites": Message("Điều kiện tiên quyết", "Prerequisites"),
    "threshold_rules": Message("Điều kiện về ngưỡng tối thiểu", "Minimum thresholds (levels)"),
    "over_indicators": Message("xét trên các chỉ báo", "over the indicators"),
    "lowest_band": Message(
        "mức độ công nhận là mức thấp nhất trong các chỉ báo trên",
        "the level is the lowest band among them",
    ),
    "annex": Message("Phụ lục", "Annex"),
    # reports
    "report": Message("Báo cáo kết quả đánh giá", "Evaluation report"),
    "summary": Message("Tổng hợp", "Summary"),
    "deciding_most": Message("Chỉ báo quyết định nhiều nhất", "Indicator deciding most often"),
    "levels_ladder": Message("Các mức công nhận", "Recognition levels"),
    # forms
    "form_title": Message("BIỂU MẪU THU THẬP SỐ LIỆU", "DATA COLLECTION FORM"),
    "form": Message("Biểu mẫu", "Form"),
    "filling_agency": Message("Cơ quan điền biểu mẫu", "Agency filling the form"),
    "value_kind": Message("Loại giá trị", "Kind of value"),
    "allowed_values": Message("Giá trị cho phép", "Allowed values"),
    "form_value": Message("Giá trị (% hoặc đạt/không đạt)", "Value (% or đạt/không đạt)"),
    "count": Message("Số đếm", "Count"),
    "total": Message("Tổng số", "Total"),
    "previous_year": Message("Năm trước", "Previous year"),
    "this_year": Message("Năm nay", "This year"),
    "attested_form": Message(
        "đạt hoặc không đạt (có minh chứng)", "met or not met (with evidence)"
    ),
    # the words an official writes, the same in both languages
    "attested_allowed": Message("đạt, không đạt", "đạt, không đạt"),
    "percent_form": Message(
        "tỷ lệ % (cột Giá trị), hoặc Số đếm và Tổng số",
        "a share in % (Value), or Count and Total",
    ),
    "change_form": Message("số liệu Năm trước và Năm nay", "Previous and This year's figures"),
    "unit_attribute": Message(
        "đặc điểm của đơn vị: có / không", "what the unit is: có (yes) / không (no)"
    ),
    "pooled_form": Message(
        "hoặc số liệu của từng phần (được cộng lại), để trống dòng chung",
        "or each part's figures (added up), the whole row left empty",
    ),
    # duties
    "duties": Message("Nghĩa vụ báo cáo", "Who owes what"),
    "send_to": Message("Gửi", "To"),
    "due_before": Message("hạn: trước ngày", "due before"),
    "as_of": Message("ngày xét", "as of"),
    "leads": Message("Chủ trì", "Leads"),
    "reports": Message("Báo cáo", "Reports"),
    "coordinates": Message("Phối hợp", "Coordinates"),
    "overdue": Message("QUÁ HẠN", "OVERDUE"),
}

VOCABULARY: Mapping[str, Message] = MappingProxyType(_PHRASES)
"""Every phrase of the views, by its one name."""


def pick(*same: str, **renamed: str) -> Mapping[str, Message]:
    """The phrases one view shows, under the names it uses: ``pick("result", missing="still_missing")``.

    A name not in the vocabulary is a `KeyError` when the view's module is imported.
    """
    chosen = {name: VOCABULARY[name] for name in same}
    chosen.update({name: VOCABULARY[phrase] for name, phrase in renamed.items()})
    return MappingProxyType(chosen)


def write_number(value: Fraction | Decimal | int, lang: Lang = "en", *, places: int = 2) -> str:
    """A number as each language writes it: the one place a number becomes text for people.

    Exact when its decimals end (85.5; a threshold of 70, never 7E+1), else rounded to
    ``places`` with ``≈``; Vietnamese writes a decimal comma, everywhere.

    >>> from decimal import Decimal
    >>> write_number(Fraction(171, 2)), write_number(Fraction(171, 2), "vi")
    ('85.5', '85,5')
    >>> write_number(Fraction(200, 3)), write_number(Fraction(200, 3), "vi")
    ('≈66.67', '≈66,67')
    >>> write_number(Decimal("7E+1")), write_number(Decimal("0.050"), "vi")
    ('70', '0,05')
    """
    if type(value) is not Fraction and isinstance(value, Decimal):
        text = format(value, "f")  # a Decimal's own digits: exact (no width, no rounding)
        text = text.rstrip("0").rstrip(".") if "." in text else text
    else:
        exact = value if type(value) is Fraction else Fraction(value)  # Fraction() is slow
        text = exact_text(exact)
        if "/" in text:
            text = "≈" + f"{float(exact):.{places}f}"
    return text.replace(".", ",") if lang == "vi" else text
