"""Chinese text in figures renders with real glyphs."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from crmlab import plotting  # noqa: E402


def _chinese_figure():
    fig, ax = plt.subplots()
    ax.bar(["考察期", "形成期", "稳定期", "退化期"], [12, 30, 45, -8], label="客户数（人）")
    ax.set_title("客户生命周期各阶段人数")
    ax.set_xlabel("阶段")
    ax.set_ylabel("人数 −/+")
    ax.legend(title="图例")
    return fig


def test_course_style_renders_chinese_without_missing_glyphs(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" becomes an error
        with plotting.course_style():
            fig = _chinese_figure()
            fig.canvas.draw()
            out = plotting.savefig(fig, tmp_path / "chinese.png")
    plt.close(fig)
    assert out.stat().st_size > 5000
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_course_style_uses_the_bundled_cjk_font():
    with plotting.course_style():
        found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]),
                                      fallback_to_default=False)
    assert found == str(plotting.cjk_font_path())


def test_default_font_would_miss_glyphs():
    """Without the course style matplotlib's default font lacks Chinese: the test above is meaningful."""
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig = _chinese_figure()
            fig.canvas.draw()
            plt.close(fig)
    assert any("missing from" in str(w.message) for w in caught)


def test_course_style_leaves_global_settings_alone():
    before = dict(matplotlib.rcParams)
    with plotting.course_style():
        pass
    assert dict(matplotlib.rcParams) == before


def test_setup_changes_session_settings():
    with matplotlib.rc_context():
        plotting.setup()
        assert matplotlib.rcParams["font.sans-serif"][0] == plotting.CJK_FONT_NAME
        assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_pinned_figure_renders_chinese_after_leaving_the_style():
    """A notebook draws figures after the cell, outside course_style(): pinning keeps the font."""
    with plotting.course_style():
        fig = _chinese_figure()
        plotting.pin_cjk_font(fig)
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig.canvas.draw()
    plt.close(fig)
