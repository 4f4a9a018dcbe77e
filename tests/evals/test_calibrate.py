"""The abstention-floor calibration is a pure search over literal evidence points."""
from evals.calibrate import Point, balanced_accuracy, best_floors

POINTS = [Point(True, 0.20, 0.86, False), Point(True, 0.60, 0.93, False), Point(True, 0.05, 0.95, False),
          Point(False, 0.12, 0.86, False), Point(False, 0.0, 0.87, False)]


def test_balanced_accuracy_weighs_both_kinds_equally():
    assert balanced_accuracy(POINTS, 0.18, 0.90) == 1.0
    assert balanced_accuracy(POINTS, 0.10, 0.90) == (3 / 3 + 1 / 2) / 2
    assert balanced_accuracy(POINTS, 0.70, 0.99) == (0 / 3 + 2 / 2) / 2


def test_best_floors_take_the_middle_of_the_perfect_region():
    lexical, dense, score = best_floors(POINTS)
    assert score == 1.0
    assert 0.12 < lexical <= 0.20 and 0.87 < dense <= 0.95
    assert (lexical, dense) == (0.18, 0.92)  # 0.14–0.20 and 0.88–0.95 are perfect
