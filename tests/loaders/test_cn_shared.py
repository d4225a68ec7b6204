"""The loaders read a date phrase the same way (issue 12: '9月下旬前' was 09-20 in targets and
09-30 in campaign_tasks). Snippets written for the test."""
import pytest

from loaders import campaigns, targets
from loaders.cn import dates


@pytest.mark.parametrize("given, expect", [
    ("在5月上旬前,完成排查", "2030-05-10"), ("在5月中旬前,完成排查", "2030-05-20"),
    ("在5月下旬前,完成排查", "2030-05-31"), ("在5月底前,完成排查", "2030-05-31"),
    ("年底前,完成排查", "2030-12-31"), ("2031年6月30日前,完成排查", "2031-06-30"),
])
def test_targets_and_campaign_tasks_agree(given, expect):
    (mark,) = [m for m in targets.time_marks(given, 2030) if not m.recurring]
    (phrase,) = campaigns.deadline_phrases(given, 2030)
    assert mark.iso == dates.deadline(phrase, 2030) == expect


def test_campaign_phase_spans_use_the_same_rule():
    assert dates.span("即日起至5月中旬", 2030) == (None, "2030-05-20")
    assert dates.span("5月下旬", 2030) == ("2030-05-21", "2030-05-31")
