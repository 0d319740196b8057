"""The book's performance benchmark.

Prints tables and writes them to book/performance.md.

    python bench/run_bench.py  # everything (about 55 minutes on 2 CPU cores)
    python bench/run_bench.py --skip-notebooks
    python bench/run_bench.py --ci-log ci.log  # adds .ci/run's stage times
    python bench/run_bench.py --ci-log ci.log --ci-only  # only those

1. Each notebook's execution time on each Keras backend installed, and the
   whole book's, against the budget.
2. Chapter 06's training on each backend, measured in one run: the backends
   take turns, and each reports its median epoch, next to the floor set by
   this machine's matrix-multiply rate, and the held-out negative ELBO.
3. On TensorFlow, chapter 06's VAE for several batch sizes, against the
   same floor.
4. Chapter 06's training (`train_vae`: `fit` with the book's layers) against
   `fit` with Keras' default of one step per execution, a hand-written
   `GradientTape` loop of the same model and a small convolutional VAE: time
   per epoch and held-out negative ELBO, same data and epochs.
"""

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("VAEBOOK_MNIST", "subset")
os.environ.setdefault("JAX_ENABLE_X64", "true")
# A worker (`--worker BACKEND`) measures one backend; Keras reads the backend
# once, at import.
if "--worker" in sys.argv:
    os.environ["KERAS_BACKEND"] = sys.argv[sys.argv.index("--worker") + 1]

import keras  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, ops  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402

from vaebook.data import (
    DESCRIPTIONS,
    binarized_mnist,
    resolve_source,
)  # noqa: E402
from vaebook.layers import kl_per_dimension  # noqa: E402
from vaebook.likelihoods import bernoulli_log_prob  # noqa: E402
from vaebook.models import (
    bernoulli_negative_log_likelihood,
    build_decoder,
    build_encoder,
    build_vae,
)  # noqa: E402
from vaebook.training import steps_per_execution  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BOOK_BUDGET_SECONDS = {"tensorflow": 600, "jax": 600, "torch": 720}
NOTEBOOK_BUDGET_SECONDS = 120
PART_IV_BUDGET_SECONDS = 180  # chapters 12-14, the longer experiments
EPOCHS = 20
BACKENDS = ("tensorflow", "jax", "torch")
ROUNDS = 3
# The seed each backend's chapters run with in CI (.ci/run).
SEEDS = {"tensorflow": "0", "jax": "1", "torch": "2"}


def ci_stage_table(log_text):
    """The stage times `.ci/run` printed ("=== stage: N s"), as a table."""
    rows = []
    for line in log_text.splitlines():
        name, colon, seconds = line.removeprefix("=== ").rpartition(": ")
        seconds = seconds.removesuffix(" s")
        if line.startswith("=== ") and colon and seconds.isdigit():
            rows.append([name, seconds])
    if not rows:
        raise ValueError("no stage times ('=== stage: N s') in the CI log")
    return markdown_table(["stage", "seconds"], rows)


CI_HEADING = "## CI's stages"


def ci_section(log_text):
    return (
        f"{CI_HEADING}\n\n"
        "Each stage of `.ci/run` on a clean clone, as its log printed "
        "them (`CI total` is the whole run).\n\n" + ci_stage_table(log_text)
    )


def with_section(page, section):
    """The page with its CI section replaced by `section`, or, if it has
    none, with `section` before its first section."""
    parts = page.split("\n## ")
    head, rest = parts[0], ["## " + part for part in parts[1:]]
    rest = [part for part in rest if not part.startswith(CI_HEADING)]
    return "\n".join([head, section + "\n", *rest])


def markdown_table(header, rows):
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    lines += [
        "| " + " | ".join(str(cell) for cell in row) + " |" for row in rows
    ]
    return "\n".join(lines)


def installed_backends():
    return [name for name in BACKENDS if importlib.util.find_spec(name)]


def time_notebooks(backend):
    """Seconds per notebook, each from a fresh kernel on `backend`.

    With the seed CI uses on that backend (SEEDS). A notebook that stops on
    an error is reported, not timed.
    """
    # the kernels inherit these
    os.environ["KERAS_BACKEND"], os.environ["VAEBOOK_SEED"] = (
        backend,
        SEEDS[backend],
    )
    seconds = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        with tempfile.TemporaryDirectory() as scratch:
            start = time.perf_counter()
            try:
                NotebookClient(
                    notebook,
                    timeout=600,
                    resources={"metadata": {"path": scratch}},
                ).execute()
                seconds[path.stem] = time.perf_counter() - start
            except CellExecutionError as error:
                seconds[path.stem] = None
                print(f"{backend} {path.name} FAILED: {error}"[:2000])
        print(f"{backend} {path.name}: {seconds[path.stem]} s", flush=True)
    del os.environ["KERAS_BACKEND"], os.environ["VAEBOOK_SEED"]
    return seconds


def notebook_budget(name):
    """Seconds a notebook may take: more for Part IV (chapters 12-14)."""
    part_iv = name[:2] in ("12", "13", "14")
    return PART_IV_BUDGET_SECONDS if part_iv else NOTEBOOK_BUDGET_SECONDS


def notebook_table(times):
    backends = list(times)
    names = list(times[backends[0]])

    def cell(value):
        return "failed" if value is None else f"{value:.1f}"

    rows = [
        [name] + [cell(times[backend][name]) for backend in backends]
        for name in names
    ]
    totals = {
        backend: sum(value or 0.0 for value in times[backend].values())
        for backend in backends
    }
    rows.append(
        ["**whole book**"] + [f"**{totals[b]:.1f}**" for b in backends]
    )
    failed = [
        f"{name} on {backend}"
        for backend in backends
        for name in names
        if times[backend][name] is None
    ]
    over_notebooks = [
        f"{name} on {backend}"
        for backend in backends
        for name in names
        if (times[backend][name] or 0.0) > notebook_budget(name)
    ]
    over_books = [
        f"{b} ({totals[b]:.0f} s of {BOOK_BUDGET_SECONDS[b]})"
        for b in backends
        if totals[b] > BOOK_BUDGET_SECONDS[b]
    ]
    verdict = " ".join(
        [
            f"Notebooks over budget: {', '.join(over_notebooks)}."
            if over_notebooks
            else "Every notebook is within its budget.",
            f"Whole book over budget on {', '.join(over_books)}."
            if over_books
            else "The whole book is within budget on every backend.",
        ]
    )
    if failed:
        verdict += " Stopped on an error: " + ", ".join(failed) + "."
    seeds = ", ".join(f"{b} {SEEDS[b]}" for b in backends)
    return (
        markdown_table(["notebook", *(f"{b} (s)" for b in backends)], rows)
        + f"\n\n{verdict} Seeds (`VAEBOOK_SEED`), as in CI: {seeds}."
    )


class EpochTimes(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self.start)

    def on_train_begin(self, logs=None):
        self.seconds = []


def worker():
    """Measure chapter 06's training on this process's backend.

    Prints one line, "RESULT " and JSON: the backend's matmul rate, the median
    epoch (epochs after the first, which builds and traces), the FLOPs per
    sample and the held-out negative ELBO.
    """
    (x_train, _), (x_test, _) = binarized_mnist()
    keras.utils.set_random_seed(0)
    encoder, decoder = build_encoder(), build_decoder()
    vae = build_vae(encoder, decoder, seed=0)
    vae.compile(
        optimizer="adam",
        loss=bernoulli_negative_log_likelihood,
        steps_per_execution=steps_per_execution(),  # as train_vae does
    )
    timer = EpochTimes()
    vae.fit(
        x_train,
        x_train,
        epochs=EPOCHS,
        batch_size=100,
        verbose=0,
        callbacks=[timer],
    )
    backend = keras.backend.backend()
    module = __import__(backend)
    result = {
        "backend": backend,
        "version": module.__version__,
        "gflops": matmul_gflops(),
        "median_epoch": statistics.median(timer.seconds[1:]),
        "samples": len(x_train),
        "flops_per_sample": dense_training_flops_per_sample(vae),
        "negative_elbo": negative_elbo(encoder, decoder, x_test),
    }
    print("RESULT " + json.dumps(result), flush=True)


def compare_backends(backends):
    """The backends take turns, ROUNDS times; per backend the median run."""
    runs = {backend: [] for backend in backends}
    for round_number in range(ROUNDS):
        for backend in backends:
            output = subprocess.run(
                [sys.executable, __file__, "--worker", backend],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            line = next(
                line
                for line in output.splitlines()
                if line.startswith("RESULT ")
            )
            runs[backend].append(json.loads(line.removeprefix("RESULT ")))
            print(round_number, runs[backend][-1], flush=True)
    gflops = max(
        run["gflops"] for all_runs in runs.values() for run in all_runs
    )
    rows, speeds, ratios = [], {}, {}
    for backend, all_runs in runs.items():
        median = sorted(all_runs, key=lambda run: run["median_epoch"])[
            len(all_runs) // 2
        ]
        speeds[backend] = median["samples"] / median["median_epoch"]
        floor = gflops * 1e9 / median["flops_per_sample"]
        ratios[backend] = floor / speeds[backend]
        rows.append(
            [
                f"{backend} {median['version']}",
                f"{speeds[backend]:,.0f}",
                f"{floor:,.0f}",
                f"{ratios[backend]:.2f}",
                f"{median['negative_elbo']:.1f}",
            ]
        )
    fastest = max(speeds, key=speeds.get)
    default = backends[0]
    text = (
        f"The backends took turns, {ROUNDS} rounds; each row is the median "
        f"round, and each round's time is its median epoch of {EPOCHS} "
        "(the first, which builds and traces the model, left out). The "
        f"floor comes from the best matrix-multiply rate measured, "
        f"**{gflops:.1f} GFLOP/s**. Same data, model, batch size (100) and "
        "epochs on every backend; PyTorch runs one step per execution (it "
        "accepts no other), the others forty.\n\n"
        + markdown_table(
            [
                "backend",
                "samples / s",
                "floor: samples / s",
                "floor ÷ achieved",
                f"held-out −ELBO after {EPOCHS} epochs (nats)",
            ],
            rows,
        )
        + f"\n\n**For speed, pick {fastest}**: it trains "
        f"{speeds[fastest] / speeds[default]:.1f} times as fast as "
        f"{default}, the default, and {ratios[fastest]:.1f} times slower "
        f"than the floor (goal: within 1.5). {default} stands at "
        f"{ratios[default]:.1f} times the floor (goal: within 2.5). The "
        "floor counts only the dense layers' matrix products; a step also "
        "pays for Adam's update of every weight, the elementwise work over "
        "784 pixels per image, and the dispatch of the step, which the "
        "backends do at different costs (JAX compiles a whole step with "
        "XLA; PyTorch runs it op by op). The held-out −ELBO differs between "
        "backends as it does between seeds: each backend draws its own "
        "random numbers."
    )
    return text


def matmul_gflops(size=1024, repeats=20):
    a = keras.random.normal((size, size), seed=0)
    b = keras.random.normal((size, size), seed=1)
    ops.convert_to_numpy(ops.matmul(a, b))  # warm-up
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        ops.convert_to_numpy(ops.matmul(a, b))
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best / 1e9


def dense_training_flops_per_sample(model):
    """FLOPs per training sample of every Dense kernel.

    Multiply-adds, times 2 (FLOPs), times 3 (forward + backward).
    """
    kernels = [
        weight for weight in model.weights if weight.path.endswith("kernel")
    ]
    return 3 * sum(2 * int(np.prod(kernel.shape)) for kernel in kernels)


def negative_elbo(encoder, decoder, x, draws=10):
    """Held-out negative ELBO in nats per image.

    KL in closed form, reconstruction by Monte Carlo.
    """
    z_mean, z_log_var = encoder.predict(x, verbose=0, batch_size=1000)
    kl = ops.convert_to_numpy(kl_per_dimension(z_mean, z_log_var)).sum(-1)
    rng = np.random.default_rng(0)
    reconstruction = 0.0
    for _ in range(draws):
        z = z_mean + np.exp(0.5 * z_log_var) * rng.standard_normal(
            z_mean.shape
        ).astype(np.float32)
        x_logits = decoder.predict(z, verbose=0, batch_size=1000)
        reconstruction -= (
            ops.convert_to_numpy(bernoulli_log_prob(x, x_logits)) / draws
        )
    return float(np.mean(reconstruction + kl))


def train_book_vae(
    x_train, batch_size, encoder=None, decoder=None, steps_per_execution=40
):
    """Chapter 06's VAE (or another encoder/decoder), fit as train_vae does."""
    keras.utils.set_random_seed(0)
    encoder = encoder or build_encoder()
    decoder = decoder or build_decoder()
    vae = build_vae(encoder, decoder, seed=0)
    vae.compile(
        optimizer="adam",
        loss=bernoulli_negative_log_likelihood,
        steps_per_execution=steps_per_execution,
    )
    vae.fit(
        x_train, x_train, epochs=1, batch_size=batch_size, verbose=0
    )  # build and trace
    start = time.perf_counter()
    vae.fit(
        x_train, x_train, epochs=EPOCHS - 1, batch_size=batch_size, verbose=0
    )
    seconds_per_epoch = (time.perf_counter() - start) / (EPOCHS - 1)
    return encoder, decoder, vae, seconds_per_epoch


def train_gradient_tape_vae(x_train, batch_size):
    """The same model trained by a hand-written tf.function train step.

    As many tutorials do: TensorFlow code on purpose.
    """
    import tensorflow as tf

    keras.utils.set_random_seed(0)
    encoder, decoder = build_encoder(), build_decoder()
    weights = encoder.trainable_weights + decoder.trainable_weights
    optimizer = keras.optimizers.Adam()

    @tf.function
    def train_step(x):
        with tf.GradientTape() as tape:
            z_mean, z_log_var = encoder(x, training=True)
            z = z_mean + tf.exp(0.5 * z_log_var) * tf.random.normal(
                tf.shape(z_mean)
            )
            x_logits = decoder(z, training=True)
            reconstruction = tf.reduce_sum(
                tf.nn.sigmoid_cross_entropy_with_logits(
                    labels=x, logits=x_logits
                ),
                axis=-1,
            )
            kl = tf.reduce_sum(kl_per_dimension(z_mean, z_log_var), axis=-1)
            loss = tf.reduce_mean(reconstruction + kl)
        optimizer.apply_gradients(zip(tape.gradient(loss, weights), weights))

    dataset = (
        tf.data.Dataset.from_tensor_slices(x_train)
        .shuffle(len(x_train), seed=0)
        .batch(batch_size)
    )
    for x in dataset:
        train_step(x)  # first epoch: build and trace
    start = time.perf_counter()
    for _ in range(EPOCHS - 1):
        for x in dataset:
            train_step(x)
    return encoder, decoder, (time.perf_counter() - start) / (EPOCHS - 1)


def build_conv_encoder(latent_dim=2):
    x = keras.Input(shape=(784,))
    hidden = layers.Reshape((28, 28, 1))(x)
    hidden = layers.Conv2D(
        32, 3, strides=2, padding="same", activation="relu"
    )(hidden)
    hidden = layers.Conv2D(
        64, 3, strides=2, padding="same", activation="relu"
    )(hidden)
    hidden = layers.Dense(64, activation="relu")(layers.Flatten()(hidden))
    return keras.Model(
        x, [layers.Dense(latent_dim)(hidden), layers.Dense(latent_dim)(hidden)]
    )


def build_conv_decoder(latent_dim=2):
    z = keras.Input(shape=(latent_dim,))
    hidden = layers.Dense(7 * 7 * 64, activation="relu")(z)
    hidden = layers.Reshape((7, 7, 64))(hidden)
    hidden = layers.Conv2DTranspose(
        32, 3, strides=2, padding="same", activation="relu"
    )(hidden)
    hidden = layers.Conv2DTranspose(1, 3, strides=2, padding="same")(hidden)
    return keras.Model(z, layers.Reshape((784,))(hidden))


def compare_with_tape(ratio):
    """A sentence comparing the book's `fit` with the hand-written loop.

    ratio: their time ratio.
    """
    if ratio <= 1:
        return (
            f"It is even {1 - ratio:.0%} faster per epoch than the "
            "hand-written `GradientTape` loop."
        )
    return (
        f"It takes {ratio - 1:.0%} more time per epoch than the hand-written "
        "`GradientTape` loop, a small price for a standard training loop and "
        "layers that add their own loss."
    )


def machine_description():
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    return (
        f"{os.cpu_count()} CPU cores ({cpu}), no GPU; "
        f"Python {platform.python_version()}, "
        f"Keras {keras.__version__}; backends: "
        + ", ".join(installed_backends())
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--skip-notebooks",
        action="store_true",
        help="skip timing the notebooks",
    )
    parser.add_argument(
        "--output", default=str(ROOT / "book" / "performance.md")
    )
    parser.add_argument(
        "--ci-log", help="a log of .ci/run, whose stage times to add"
    )
    parser.add_argument(
        "--ci-only",
        action="store_true",
        help="with --ci-log: replace only the page's CI section",
    )
    parser.add_argument("--worker", choices=BACKENDS, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        return worker()

    if arguments.ci_only and not arguments.ci_log:
        parser.error("--ci-only needs --ci-log")
    backends = installed_backends()
    sections = []
    if arguments.ci_log:
        sections.append(ci_section(Path(arguments.ci_log).read_text()))
    if arguments.ci_only:
        page = Path(arguments.output)
        page.write_text(
            with_section(page.read_text(encoding="utf-8"), sections[0]),
            encoding="utf-8",
        )
        print(sections[0])
        return
    if not arguments.skip_notebooks:
        times = {backend: time_notebooks(backend) for backend in backends}
        sections.append(
            "## Notebook execution times\n\n"
            "Each notebook executed from a fresh kernel, one after another, "
            "on each backend. Budget: "
            f"{NOTEBOOK_BUDGET_SECONDS} s per notebook "
            f"({PART_IV_BUDGET_SECONDS} s in Part IV), "
            "for the book "
            + ", ".join(
                f"{s} s on {b}" for b, s in BOOK_BUDGET_SECONDS.items()
            )
            + ".\n\n"
            + notebook_table(times)
        )
    sections.append(
        "## Chapter 06's training on each backend\n\n"
        + compare_backends(backends)
    )

    (x_train, _), (x_test, _) = binarized_mnist()
    gflops = matmul_gflops()
    print(f"matmul: {gflops:.1f} GFLOP/s", flush=True)
    rows, ratios, elbos = [], {}, {}
    for batch_size in (100, 250, 1000):
        encoder, decoder, vae, seconds_per_epoch = train_book_vae(
            x_train, batch_size
        )
        throughput = len(x_train) / seconds_per_epoch
        floor = gflops * 1e9 / dense_training_flops_per_sample(vae)
        ratios[batch_size], elbos[batch_size] = (
            floor / throughput,
            negative_elbo(encoder, decoder, x_test),
        )
        rows.append(
            [
                batch_size,
                f"{throughput:,.0f}",
                f"{floor:,.0f}",
                f"{ratios[batch_size]:.2f}",
                f"{elbos[batch_size]:.1f}",
            ]
        )
        print(rows[-1], flush=True)
    flops = dense_training_flops_per_sample(vae) / 1e6
    sections.append(
        "## Batch size, on TensorFlow\n\n"
        f"Measured matrix-multiply rate: **{gflops:.1f} GFLOP/s** "
        "(1024 × 1024 float32, best of 20). The network's dense layers cost "
        f"{flops:.2f} MFLOP per training sample (forward pass plus a backward "
        "pass counted as twice the forward), so the rate sets a floor on the "
        "time per sample, expressed below as a ceiling on samples per second. "
        f"Each row trains {EPOCHS} epochs as `vaebook.training.train_vae` "
        "does (`fit`, 40 steps per execution); the held-out negative ELBO "
        "shows what a larger batch costs the model at a fixed number of "
        "epochs.\n\n"
        + markdown_table(
            [
                "batch size",
                "samples / s",
                "floor: samples / s",
                "floor ÷ achieved",
                f"held-out −ELBO after {EPOCHS} epochs (nats)",
            ],
            rows,
        )
        + "\n\nAt the book's batch size of 100, training runs "
        f"{ratios[100]:.1f} times slower than the floor, not within the 1.5 "
        "times we aimed for. The floor counts only the dense layers' matrix "
        "products; each step also pays for work that does not shrink with "
        f"them: Adam's update of all {vae.count_params():,} weights, the "
        "elementwise sigmoid and softplus over 784 pixels per image, and the "
        "dispatch of the step itself. Larger batches spread that cost over "
        f"more images (the gap falls to {ratios[1000]:.1f} times at batch "
        "1000) but, at a fixed number of epochs, give a worse model "
        f"({elbos[1000]:.1f} against {elbos[100]:.1f} nats), so the book "
        "keeps batches of 100 and takes the free gain instead: forty steps "
        "per execution."
    )

    trainers = {
        "book: `train_vae` (`fit`, 40 steps per execution)": train_book_vae(
            x_train, 100
        ),
        (
            "book's model, `fit` with one step per execution (Keras' default)"
        ): train_book_vae(x_train, 100, steps_per_execution=1),
        (
            "hand-written `GradientTape` train step, same model"
        ): train_gradient_tape_vae(x_train, 100),
        "small convolutional VAE, `train_vae`'s settings": train_book_vae(
            x_train, 100, build_conv_encoder(), build_conv_decoder()
        ),
    }
    seconds = {name: result[-1] for name, result in trainers.items()}
    elbos = {
        name: negative_elbo(result[0], result[1], x_test)
        for name, result in trainers.items()
    }
    rows = [
        [name, f"{seconds[name]:.3f}", f"{elbos[name]:.1f}"]
        for name in trainers
    ]
    for row in rows:
        print(row, flush=True)
    book, default, tape, conv = trainers
    sections.append(
        "## Ways to train\n\n"
        f"Same data, batch size 100, {EPOCHS} epochs, 2-D latent space; "
        "time per epoch after the first (which builds and traces the "
        "model).\n\n"
        + markdown_table(
            [
                "trainer",
                "seconds per epoch",
                "held-out −ELBO (nats per image)",
            ],
            rows,
        )
        + "\n\nForty steps per execution make `fit` "
        f"{seconds[default] / seconds[book]:.2f} times as fast as Keras' "
        f"default. {compare_with_tape(seconds[book] / seconds[tape])} "
        "The convolutional VAE costs "
        f"{seconds[conv] / seconds[book]:.1f} times as much per epoch for a "
        f"held-out −ELBO of {elbos[conv]:.1f} against {elbos[book]:.1f} nats "
        "for the book's dense model."
    )

    page = (
        "# Performance\n\n"
        "This page is written by `python bench/run_bench.py`; run it again "
        "to measure your own machine.\n\n"
        f"- **Machine:** {machine_description()}.\n"
        f"- **Data:** {DESCRIPTIONS[resolve_source()]}, "
        "binarized as in chapter 06.\n\n" + "\n\n".join(sections) + "\n"
    )
    Path(arguments.output).write_text(page, encoding="utf-8")
    print(page)


if __name__ == "__main__":
    sys.exit(main())
