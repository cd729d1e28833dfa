"""``splatbench data ...``: convert, example, check and index subcommands.

Examples::

    splatbench data convert colmap ../shared/data/real_scenes datasets/real --split test
    splatbench data convert nerfstudio my_capture/transforms.json datasets/mine
    splatbench data convert re10k-txt cameras/ datasets/re10k_mine --frames frames/
    splatbench data example datasets/example
    splatbench data check datasets/example
    splatbench data index datasets/real/test --out datasets/real/evaluation_index.json --context-gap 5
    splatbench data index datasets/example/test --by-overlap --out datasets/example --name example
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from splatbench.errors import SplatbenchError, report_one_line

logger = logging.getLogger(__name__)


def _at_least(minimum: int, what: str):
    """argparse type: an integer >= ``minimum`` (argparse prints one usage line and exits 2)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum} ({what}), got {value}")
        return value

    return parse


POSITIVE = _at_least(1, "a count or size")


def _shape(values: list[int] | None) -> tuple[int, int] | None:
    return None if values is None else (int(values[0]), int(values[1]))


def _index_options(args) -> dict:
    return {"context_gap": args.context_gap, "num_targets": args.num_targets, "seed": args.seed}


def _add_index_options(parser: argparse.ArgumentParser, default_gap: int) -> None:
    parser.add_argument(
        "--context-gap", type=_at_least(2, "one target frame must fit between the two contexts"), default=default_gap,
        help="frames between the two context views (at least 2; shorter scenes use their first and last frame)",
    )
    parser.add_argument("--num-targets", type=POSITIVE, default=3, help="target views drawn between the contexts")
    parser.add_argument("--seed", type=int, default=0, help="seed of the evaluation index")


def _add_write_mode(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--append", dest="mode", action="store_const", const="append",
                       help="add the scenes to an existing dataset (new chunk files, indices merged)")
    group.add_argument("--overwrite", dest="mode", action="store_const", const="overwrite",
                       help="replace an existing dataset's split and evaluation index")
    parser.set_defaults(mode="new")


def _report_index(index: dict, counts: dict[str, int], context_gap: int, where: str) -> None:
    """Say how the evaluation index went; fail when no scene could be indexed."""
    from splatbench.data.evaluation_index import index_shortfalls

    clamped, empty = index_shortfalls(counts, context_gap)
    if counts and not any(entry is not None for entry in index.values()):
        raise SplatbenchError(
            f"{where}: --context-gap {context_gap} leaves no room in any scene (the longest has "
            f"{max(counts.values())} frames; a context pair needs 3 or more); choose a smaller --context-gap"
        )
    if clamped:
        logger.warning("%d scene(s) have at most %d frames: their context pair is their first and last frame (e.g. %s)",
                       len(clamped), context_gap, clamped[0])
    if empty:
        logger.warning("%d scene(s) are too short to index (null entries, e.g. %s)", len(empty), empty[0])


def _run_convert(args) -> int:
    from splatbench.data.importers import IMPORTERS

    options = dict(split=args.split, image_shape=_shape(args.image_shape), index_options=_index_options(args))
    if args.format == "re10k-txt":
        options["frames"] = args.frames
        if args.image_shape is None:
            options.pop("image_shape")
    counts = IMPORTERS[args.format](args.src, args.out, mode=args.mode, **options)
    print(f"converted {len(counts)} scene(s), {sum(counts.values())} frames -> {Path(args.out) / args.split}")
    from splatbench.data.evaluation_index import generate_evaluation_index

    index = generate_evaluation_index(counts, **_index_options(args))
    _report_index(index, counts, args.context_gap, str(Path(args.out) / "evaluation_index.json"))
    return 0


def _run_example(args) -> int:
    from splatbench.data.example import make_example_dataset

    out = make_example_dataset(
        args.out,
        num_scenes=args.num_scenes,
        num_test_scenes=args.num_test_scenes,
        image_shape=_shape(args.image_shape),
        num_frames=args.num_frames,
        seed=args.seed,
        include_middlebury=not args.no_middlebury,
        progress=True,
        mode=args.mode,
    )
    print(f"example dataset written to {out}")
    return 0


def _run_check(args) -> int:
    from splatbench.data.check import check_dataset

    report = check_dataset(args.root, decode=not args.no_decode, expected_shape=_shape(args.image_shape))
    for problem in report.problems:  # printed here once; check_dataset does not log them
        print(problem)
    print(f"{report.num_scenes} scene(s) in {report.num_chunks} chunk(s); {len(report.problems)} problem(s)")
    return 1 if report.problems else 0


def _run_index(args) -> int:
    if args.by_overlap:
        return _run_overlap_index(args)
    from splatbench.data.evaluation_index import generate_evaluation_index_for_split

    split_dir = Path(args.split_dir)
    if not split_dir.is_dir():
        raise SplatbenchError(f"{split_dir}: split folder does not exist (expected a folder of .torch chunks)")
    out = args.out or str(split_dir.parent / "evaluation_index.json")
    index, counts = generate_evaluation_index_for_split(split_dir, out, **_index_options(args))
    _report_index(index, counts, args.context_gap, out)
    print(f"{sum(v is not None for v in index.values())} of {len(index)} scenes indexed -> {out}")
    return 0


def _run_overlap_index(args) -> int:
    from splatbench.data.overlap import index_split_by_overlap

    out_dir = Path(args.out) if args.out else Path(args.split_dir).parent
    paths = index_split_by_overlap(
        args.split_dir, out_dir, name=args.name, num_targets=args.num_targets, min_gap=args.min_gap,
        max_gap=args.max_gap, max_pairs=args.max_pairs, method=args.method, seed=args.seed, progress=True,
    )  # fmt: skip
    import json

    for bin_name, path in paths.items():
        index = json.loads(Path(path).read_text())
        methods = sorted({e["overlap_method"] for e in index.values() if e})
        print(f"{bin_name}: {sum(e is not None for e in index.values())} of {len(index)} scenes ({', '.join(methods) or '-'}) -> {path}")
    return 0


def _guarded(handler):
    def run(args) -> int:
        try:
            return handler(args)
        except SplatbenchError as error:
            return report_one_line("splatbench data", error)

    return run


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``data`` and its sub-subcommands on the main CLI's subparsers."""
    parser = subparsers.add_parser(
        "data",
        help="Convert, generate, check and index datasets in the chunk format.",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="data_command", metavar="COMMAND")
    parser.set_defaults(handler=lambda args: (parser.print_help(), 2)[1])

    convert = commands.add_parser("convert", help="COLMAP / nerfstudio / RealEstate10K .txt -> chunks")
    convert.add_argument("format", choices=["colmap", "nerfstudio", "re10k-txt"])
    convert.add_argument("src", help="a scene (or a folder of scenes) in the source format")
    convert.add_argument("out", help="dataset root to write (OUT/<split>/*.torch, OUT/evaluation_index.json)")
    convert.add_argument("--split", default="test", choices=["train", "test"])
    convert.add_argument("--image-shape", type=POSITIVE, nargs=2, metavar=("H", "W"), help="resize frames (LANCZOS)")
    convert.add_argument("--frames", help="re10k-txt: folder with one sub-folder of frames per scene")
    _add_index_options(convert, default_gap=45)
    _add_write_mode(convert)
    convert.set_defaults(handler=_guarded(_run_convert))

    example = commands.add_parser("example", help="build the procedural example dataset (no download)")
    example.add_argument("out")
    example.add_argument("--num-scenes", type=POSITIVE, default=12, help="training scenes")
    example.add_argument("--num-test-scenes", type=POSITIVE, default=None)
    example.add_argument("--num-frames", type=_at_least(3, "two contexts and a target"), default=48)
    example.add_argument("--image-shape", type=POSITIVE, nargs=2, default=[64, 64], metavar=("H", "W"))
    example.add_argument("--seed", type=int, default=0)
    example.add_argument("--no-middlebury", action="store_true", help="leave out the Middlebury stereo pair")
    _add_write_mode(example)
    example.set_defaults(handler=_guarded(_run_example))

    check = commands.add_parser("check", help="validate every scene of a dataset root; list bad ones")
    check.add_argument("root", help="dataset root (with train/ test/) or a split folder")
    check.add_argument("--no-decode", action="store_true", help="skip decoding every frame (faster)")
    check.add_argument("--image-shape", type=POSITIVE, nargs=2, metavar=("H", "W"), help="expected stored frame size")
    check.set_defaults(handler=_guarded(_run_check))

    index = commands.add_parser(
        "index",
        help="generate an evaluation index for a split folder (--by-overlap: one per overlap bin)",
        description="Generate an evaluation index for a split folder of chunks.\n\n"
        "--by-overlap writes OUT/evaluation_index_NAME_{small,medium,high}.json (NoPoSplat's bins: "
        "0.05-0.30, 0.30-0.55, 0.55-0.80) and OUT/overlap_pairs_NAME.csv; OUT (--out) is a folder then. "
        "Overlap = min over both directions of the fraction of one view's pixels the other sees, from "
        "dense depth_maps when stored, else the depth where the optical axes converge (plane), else "
        "NoPoSplat's ray rule (frustum); see splatbench/data/overlap.py.\n\n"
        "Example:\n  splatbench data index datasets/example/test --by-overlap --out datasets/example --name example",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    index.add_argument("split_dir")
    index.add_argument("--out", help="index file (folder with --by-overlap)")
    _add_index_options(index, default_gap=45)
    index.add_argument("--by-overlap", action="store_true", help="one index per overlap bin")
    index.add_argument("--name", default="overlap", help="--by-overlap: file name part")
    index.add_argument("--method", default="auto", choices=["auto", "depth", "plane", "frustum"], help="--by-overlap: overlap rule")
    index.add_argument("--min-gap", type=_at_least(2, "one target frame must fit between the two contexts"), default=2,
                       help="--by-overlap: smallest frame gap of a context pair")
    index.add_argument("--max-gap", type=_at_least(2, "a frame gap"), default=None, help="--by-overlap: largest frame gap (default: any)")
    index.add_argument("--max-pairs", type=POSITIVE, default=200, help="--by-overlap: candidate pairs measured per scene")
    index.set_defaults(handler=_guarded(_run_index))
    return parser
