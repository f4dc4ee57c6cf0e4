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

# ---------------------------------------------------------------- safe grading
# Every submission is treated as hostile (crmlab.grading explains the design):
# - the submission is read in any encoding, its graded cells are rebuilt from the
#   release (copied, deleted or renamed cells are graded, not crashed on);
# - student code runs in a bubblewrap sandbox that sees neither this folder nor the
#   gradebook, and the tests run in a fresh trusted interpreter on the student's
#   values (as data), so nothing a student's code does can change a test's verdict;
# - feedback shows the failure messages, never a hidden test, and no live script.
import functools

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds, GetGrades,
                                    IgnorePattern, LimitOutput, OverwriteCells, OverwriteKernelspec, SaveAutoGrades)

from crmlab.grading import (FeedbackSafety, NormalizeSubmission, SandboxedExecute, SubmissionExporter,
                            before_autograde)

c.Autograde.exporter_class = SubmissionExporter
c.Autograde.pre_convert_hook = functools.partial(before_autograde, config=c)
c.Autograde.sanitize_preprocessors = [NormalizeSubmission, ClearOutput, DeduplicateIds, OverwriteKernelspec,
                                      OverwriteCells, CheckCellMetadata]
c.Autograde.autograde_preprocessors = [SandboxedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                       SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
c.GenerateFeedback.preprocessors = [GetGrades, FeedbackSafety, CSSHTMLHeaderPreprocessor]

# A student's endless loop must not hang the grading of a whole class: each cell gets
# 60 s (a solution cell needs < 2 s); a cell that ignores the interrupt ends the run there.
c.SandboxedExecute.cell_timeout = 60
c.SandboxedExecute.memory_mb = 4096
# Set to True on a grading server, so that grading refuses to run without the sandbox.
c.SandboxedExecute.require_sandbox = False
# Student's own runs of Validate keep nbgrader's executor, with the same timeout.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

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
