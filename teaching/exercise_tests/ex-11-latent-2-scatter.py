"""Exercise 11.4 (ex-11-latent-2-scatter): which digits share the plane."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-11-latent-2-scatter"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "confusion": "array (10, 10) of counts: row the true digit, column the "
    "digit that the 5-nearest-neighbour rule predicts for each of the "
    "1,000 test digits from its 2-dimensional code (the latent_dim = 2 "
    "encoder's mean), the rule fitted on the codes and labels of all 4,000 "
    "training digits",
    "top_pairs": "list of the 4 pairs (a, b) of digits, a < b, that the "
    "rule confuses most often either way round (confusion[a, b] + "
    "confusion[b, a]), the most confused first",
    "top_share": "float: the share of all the rule's mistakes on the test "
    "digits that falls on those 4 pairs",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="confusion must be a (10, 10) array of non-negative "
    "counts adding up to 1,000, top_pairs 4 different pairs (a, b) of "
    "digits with a < b, top_share a fraction",
)
def test_structure(confusion, top_pairs, top_share):
    import numpy as np

    confusion = np.asarray(confusion, dtype=float)
    assert confusion.shape == (10, 10) and np.all(confusion >= 0)
    assert np.all(confusion == np.round(confusion)) and confusion.sum() == 1000
    pairs = [tuple(int(digit) for digit in pair) for pair in top_pairs]
    assert len(set(pairs)) == 4
    for pair in pairs:
        assert len(pair) == 2 and 0 <= pair[0] < pair[1] <= 9
    assert np.ndim(top_share) == 0 and 0 < top_share <= 1


@test_case(
    points=2,
    hidden=True,
    failure_message="The confusion matrix is not that of 5 nearest "
    "neighbours on the 2-dimensional model's codes: rows true digits, "
    "columns predicted ones",
)
def test_confusion(confusion):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-11-latent-2-scatter")["confusion"]
    # the same model and data: deterministic, but codes computed another
    # way (predict, a float64 copy) can break a tie between neighbours
    assert np.abs(np.asarray(confusion) - expected).sum() <= 20


@test_case(
    points=1,
    hidden=True,
    failure_message="top_pairs are not the 4 pairs most often confused "
    "either way round",
)
def test_top_pairs(top_pairs):
    import numpy as np

    from teaching.exercise_values import reference

    expected = np.asarray(reference("ex-11-latent-2-scatter")["confusion"])
    either_way = expected + expected.T
    counts = sorted(
        (either_way[a, b] for a in range(10) for b in range(a + 1, 10)),
        reverse=True,
    )
    # each pair among the most confused (a few counts of slack for ties)
    for a, b in top_pairs:
        assert either_way[int(a), int(b)] >= counts[3] - 3, (a, b)


@test_case(
    points=1,
    hidden=True,
    failure_message="top_share is not the share of all mistakes that falls "
    "on the 4 most confused pairs, counted either way round",
)
def test_top_share(top_share):
    from teaching.exercise_values import reference

    expected = reference("ex-11-latent-2-scatter")["top_share"]
    # about 450 mistakes: a tie broken otherwise moves it by 0.01 at most
    assert abs(top_share - expected) < 0.02
