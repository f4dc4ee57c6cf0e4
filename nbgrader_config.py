"""nbgrader configuration of the crmlab course (run nbgrader from this folder).

solutions/<lab>/  is nbgrader's source folder (instructor versions, with solutions,
                  hidden tests and marking rubrics);
labs/<lab>/       is its release folder: exactly what `nbgrader generate_assignment`
                  makes from solutions/, never edited by hand.
Assignment names are the folder names lab00 ... lab08.
"""
c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "crmlab"
import os

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "labs"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
# Student notebooks only: data a lab needs comes from the installed crmlab package, and
# files a solution writes when run in place (.docx, .xlsx, figures) are never released.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.docx", "*.xlsx", "*.png"]

# Stubs students see in place of the solutions (Chinese, as the whole course).
c.ClearSolutions.code_stub = {
    "python": "# 在这里写你的代码（删除下面这一行后再运行）\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "请在这里写下你的回答。"
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# A student's endless loop must not hang the grading of a whole class: each cell
# gets 60 s (a solution cell needs < 2 s), then the cell fails and grading goes on.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

# A student who deleted a test cell still gets it run: autograde puts it back.
c.OverwriteCells.add_missing_cells = True
c.OverwriteCells.missing_cell_notification = (
    "（nbgrader 提示：提交的作业里缺少这个单元格（id: {cell_id}），评分时已自动补回。）\n\n"
)

# Validate (the 'Validate' button and `nbgrader validate`) in the students' language.
c.Validator.type_changed_warning = (
    "有 {num_changed} 个单元格的类型被改动了！现在能通过检查，正式评分时也可能不通过。\n"
)
c.Validator.changed_warning = (
    "有 {num_changed} 个测试单元格的内容被改动了！请不要修改测试单元格，否则正式评分时可能不通过。\n"
)
c.Validator.failed_warning = (
    "有 {num_failed} 个单元格没有通过检查！如果现在提交，你拿不到满分。请根据下面的提示修改。\n"
)
c.Validator.passed_warning = "有 {num_passed} 个单元格通过了检查。\n"
