"""Exercise 9.2 (ex-09-save): a generator saved and loaded again."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-09-save"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "path": "str: the .keras file to which you saved the generator "
    'generators["Gaussian, mean"]',
    "reloaded_digits": "array (20, 784): the images that the generator "
    "loaded back from that file with keras.saving.load_model makes at the "
    "chapter's codes z_prior",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="path must name a .keras file, and reloaded_digits "
    "must be an array of 20 images of 784 finite pixel values",
)
def test_types(path, reloaded_digits):
    import numpy as np

    assert isinstance(path, str) and path.endswith(".keras")
    images = np.asarray(reloaded_digits, dtype=float)
    assert images.shape == (20, 784) and np.all(np.isfinite(images))


@test_case(
    points=2,
    hidden=True,
    failure_message="The reloaded generator does not make the images the "
    "saved one makes at z_prior: were its weights saved and loaded?",
)
def test_same_images(reloaded_digits):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-09-save")["reloaded_digits"]
    # the same float32 weights and computation: round-off only
    np.testing.assert_allclose(reloaded_digits, expected, rtol=1e-5, atol=1e-6)
