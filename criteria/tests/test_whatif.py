"""What-if over a score table, in Python and from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from criteria.spec import FormatError
from criteria.tests.builders import rules, spec
from criteria.whatif import read_scores, run
from criteria.yamlfile import write_yaml

CSV = (
    "Đối tượng;1.1;1.2;2.1;2.2\n"
    "Hộ ông An;25;25;25;5\n"
    "Hộ bà Bình;25;25;25;4,5\n"
    "Hộ ông Cường;25;25;26;25\n"
    "Hộ bà Dung;25;25;25;\n"
)


def csv_file(text: str = CSV) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8-sig"))


def test_each_subject_gets_its_outcome_and_reasons_and_the_passes_are_counted():
    report = run(rules(), read_scores(csv_file(), "diem.csv", rules()))
    an, binh, cuong, dung = report.results
    assert (an.subject, an.outcome.passed) == ("Hộ ông An", True)
    assert binh.outcome.messages == [
        "Mục 2.2 được 4,5 điểm, dưới mức sàn 5 điểm.",
        "Tổng điểm 79,5 thấp hơn điểm đạt 80.",
    ]
    assert cuong.outcome is None and cuong.errors == ["Điểm của mục 2.1 là 26, vượt điểm tối đa 25."]
    assert dung.outcome.messages[0] == "Mục 2.2 chưa được chấm điểm."
    assert (report.tally.subjects, report.tally.passed, report.rejected) == (3, 1, 1)


def test_a_column_that_is_no_item_code_is_refused_by_name():
    with pytest.raises(FormatError) as refused:
        read_scores(csv_file("Đối tượng,1.1,9.9\nA,1,1\n"), "diem.csv", rules())
    assert refused.value.problems == ["Không có cột “9.9”: đây không phải mã mục của bộ tiêu chí này."]


def test_an_excel_score_table_is_read_too():
    workbook, buffer = Workbook(), io.BytesIO()
    sheet = workbook.active
    sheet.append(["Họ và tên", "1.1", "1.2", "2.1", "2.2"])
    sheet.append(["Hộ ông An", 25, 25, 25, 5])
    sheet.append(["Hộ bà Bình", 25, 25, 20, 9.5])
    workbook.save(buffer)
    buffer.seek(0)
    report = run(rules(), read_scores(buffer, "diem.xlsx", rules()))
    assert [r.outcome.passed for r in report.results] == [True, False]


def test_a_form_column_names_each_subjects_labour_group():
    groups = [
        {
            "code": "1",
            "items": [
                {"code": "1.1", "text": "Chung", "max": 50},
                {"code": "1.2a", "text": "Nông dân", "max": 50, "forms": ["farmer"]},
                {"code": "1.2b", "text": "Cán bộ", "max": 50, "forms": ["official"]},
            ],
        }
    ]
    forms = [{"key": "farmer", "label": "Nông dân"}, {"key": "official", "label": "Cán bộ"}]
    citizen = rules(groups=groups, forms=forms, item_floor=None)
    table = "Đối tượng,Phiếu,1.1,1.2a,1.2b\nAn,nong dan,40,45,\nBình,official,40,,30\n"
    report = run(citizen, read_scores(csv_file(table), "diem.csv", citizen))
    assert [(r.form, r.outcome.passed) for r in report.results] == [("farmer", True), ("official", False)]


def test_the_command_writes_the_outcomes_as_csv(tmp_path, capsys, db):
    set_file, scores_file = tmp_path / "bo.yaml", tmp_path / "diem.csv"
    set_file.write_text(write_yaml(spec()), encoding="utf-8")
    scores_file.write_text(CSV, encoding="utf-8")
    call_command("criteria_whatif", str(set_file), str(scores_file))
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "line,subject,form,outcome,passed,total,grade,level,reasons"
    assert lines[1] == "2,Hộ ông An,,Đạt,1,80,,,"
    assert "Tổng điểm 79,5 thấp hơn điểm đạt 80." in lines[2]
    assert lines[3].startswith("4,Hộ ông Cường,,Bị từ chối")
    assert "1/3 đối tượng đạt; 1 dòng bị từ chối." in err


def test_the_command_warns_about_a_set_that_cannot_be_published_and_refuses_a_bad_file(tmp_path, capsys, db):
    set_file, scores_file = tmp_path / "bo.yaml", tmp_path / "diem.csv"
    set_file.write_text(write_yaml(spec(total=90)), encoding="utf-8")
    scores_file.write_text(CSV, encoding="utf-8")
    call_command("criteria_whatif", str(set_file), str(scores_file))
    assert "Cảnh báo: Các mục cộng lại được 100 điểm" in capsys.readouterr().err
    set_file.write_text("key: [\n", encoding="utf-8")
    with pytest.raises(CommandError, match="YAML"):
        call_command("criteria_whatif", str(set_file), str(scores_file))


def test_the_command_evaluates_a_local_draft_on_top_of_its_published_base(tmp_path, capsys, national):
    local = spec(
        key="bo-tinh",
        extends={"key": "thu-nghiem", "version": 1},
        total=105,
        pass_mark=70,
        groups=[{"code": "5", "items": [{"code": "5.1", "text": "Riêng của tỉnh", "max": 5}]}],
    )
    set_file, scores_file = tmp_path / "bo.yaml", tmp_path / "diem.csv"
    set_file.write_text(write_yaml(local), encoding="utf-8")
    scores_file.write_text("Đối tượng,1.1,1.2,2.1,2.2,5.1\nHộ An,25,25,25,5,5\n", encoding="utf-8")
    call_command("criteria_whatif", str(set_file), str(scores_file))
    out, err = capsys.readouterr()
    assert out.splitlines()[1] == "2,Hộ An,,Đạt,1,85,,,"
    assert "Cảnh báo: Bộ địa phương chỉ được nâng điểm đạt, không được hạ (70 thấp hơn 80)." in err
