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


# Outcomes with the floors off: two right answers, one wrong answer on weak evidence, one unanswerable question
# answered on weak evidence, one answerable question another rule refuses anyway.
OUTCOMES = [Point(True, 0.60, 0.93, False, "right"), Point(True, 0.20, 0.90, False, "right"),
            Point(True, 0.10, 0.86, False, "wrong"), Point(False, 0.12, 0.87, False, "wrong"),
            Point(True, 0.50, 0.95, False, "refused")]


def test_outcomes_turn_a_question_under_both_floors_into_a_refusal():
    from evals.calibrate import outcomes

    assert outcomes(OUTCOMES, 0.0, 0.0) == (2, 2)  # no floors: both weak answers given, both wrong
    assert outcomes(OUTCOMES, 0.18, 0.92) == (3, 0)  # the weak ones refused; the unanswerable one so made right
    assert outcomes(OUTCOMES, 0.70, 0.99) == (1, 0)  # too strict: the two right answers lost


def test_utility_prefers_refusing_to_a_wrong_answer_and_best_floors_keep_every_right_one():
    from evals.calibrate import outcomes, utility

    assert utility(OUTCOMES, 0.0, 0.0) == (2 - 3 * 2) / 5
    lexical, dense, score = best_floors(OUTCOMES, utility)
    assert score == 3 / 5 and outcomes(OUTCOMES, lexical, dense) == (3, 0)
    assert (lexical, dense) == (0.42, 0.89)  # the middle of the region that keeps both right answers


def test_path_floors_keep_a_floor_only_where_it_removes_wrong_answers_at_less_than_their_cost():
    from evals.calibrate import Given, path_floors

    given = [Given("target", True, {"dense": 0.95}), Given("target", False, {"dense": 0.86}),
             Given("target", True, {"dense": 0.90}),
             Given("lead", True, {"dense": 0.86}), Given("lead", True, {"dense": 0.87}),
             Given("lead", True, {"dense": 0.88}), Given("lead", False, {"dense": 0.93})]
    report = path_floors(given)
    assert report["target"] == {"given": 3, "wrong": 1, "dense": {"floor": 0.9, "right_lost": 0, "wrong_removed": 1}}
    # The wrong lead answer has the best evidence of all: no floor removes it without losing three right ones.
    assert report["lead"]["dense"] == {"floor": None, "right_lost": 0, "wrong_removed": 0}
