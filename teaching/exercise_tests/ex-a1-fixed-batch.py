"""Exercise A1.1 (ex-a1-fixed-batch): seed 002's fixed batch size."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-a1-fixed-batch"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "outcomes": 'dict with the keys "1,000 images, batch 32", "1,000 '
    'images, batch 100" and "one image": what your Keras 3 port of seed '
    "002's encoder and sampler (an input of batch_shape (100, 784), noise "
    "of the fixed shape (100, 2)) does when predict is asked for the codes "
    "of 1,000 images with Keras' default batch size, of the same images "
    "with batch_size=100, and of one image: the string "
    '"returns N codes", N the number of rows predict returned, or '
    '"raises E", E the class name of the exception',
}


@test_case(
    points=1,
    hidden=False,
    failure_message="outcomes must map the three calls to strings 'returns "
    "N codes' or 'raises E'",
)
def test_structure(outcomes):
    import re

    assert set(outcomes) == {
        "1,000 images, batch 32",
        "1,000 images, batch 100",
        "one image",
    }
    for outcome in outcomes.values():
        assert isinstance(outcome, str)
        assert re.fullmatch(r"returns \d+ codes|raises \w+", outcome)


@test_case(
    points=1,
    hidden=True,
    failure_message="With batches of 100 the port should encode all 1,000 "
    "images, and with Keras' default batch size it should fail",
)
def test_batches(outcomes):
    assert outcomes["1,000 images, batch 100"] == "returns 1000 codes"
    assert outcomes["1,000 images, batch 32"].startswith("raises ")


@test_case(
    points=1,
    hidden=True,
    failure_message="One image does not behave as the fixed noise shape "
    "makes it behave on this backend (an error, or codes for a whole batch)",
)
def test_one_image(outcomes):
    from teaching.exercise_values import reference

    expected = reference("ex-a1-fixed-batch")["outcomes"]["one image"]
    mine = outcomes["one image"]
    if expected.startswith("raises "):  # the error's class may differ
        assert mine.startswith("raises ")
    else:  # broadcast against the noise: as many codes as noise rows
        assert mine == expected
