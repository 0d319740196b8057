"""Exercise 5.1 (ex-05-never-inked): the pixels 0 in every training image."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-05-never-inked"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "never_inked": "boolean array (28, 28): True at the pixel positions "
    "that are 0 in every image of x_train_images",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="never_inked must be a boolean (True/False) array of "
    "shape (28, 28)",
)
def test_mask_shape(never_inked):
    import numpy as np

    mask = np.asarray(never_inked)
    assert mask.shape == (28, 28) and mask.dtype == bool


@test_case(
    points=1,
    hidden=True,
    failure_message="Some pixel in the central 20 x 20 box is marked as "
    "never inked, yet every digit was scaled into a 20 x 20 box and centred",
)
def test_centre_is_inked(never_inked):
    import numpy as np

    assert not np.asarray(never_inked)[4:24, 4:24].any()


@test_case(
    points=2,
    hidden=True,
    failure_message="The mask differs from the positions that are 0 in "
    "every training image",
)
def test_mask(never_inked):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-05-never-inked")["never_inked"]
    np.testing.assert_array_equal(np.asarray(never_inked), expected)
