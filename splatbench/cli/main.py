"""The ``splatbench`` console command: subcommands around the Hydra-driven jobs.

``splatbench train|test OVERRIDES...`` is the same as ``python -m src.main mode=train|test OVERRIDES...``;
other subcommands (``data``, ...) are plain argparse tools registered by their layers.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Callable

from splatbench import __version__

HYDRA_JOB_HELP = {
    "train": (
        "Train or fine-tune a model. Takes Hydra overrides exactly like the DepthSplat command lines.",
        "splatbench train +experiment=re10k data_loader.train.batch_size=1 trainer.max_steps=1000 \\\n"
        "    model.encoder.gaussian_adapter.gaussian_scale_max=0.3 output_dir=checkpoints/run1 \\\n"
        "    checkpointing.every_n_train_steps=500 checkpointing.resume=false",
    ),
    "test": (
        "Evaluate a checkpoint on an evaluation index; writes images and metrics under output_dir.",
        "splatbench test +experiment=re10k dataset/view_sampler=evaluation \\\n"
        "    dataset.view_sampler.index_path=../shared/data/eval_index/evaluation_index_re10k.json \\\n"
        "    checkpointing.pretrained_model=pretrained/depthsplat-gs-small-re10k-256x256-view2-cfeab6b1.pth \\\n"
        "    test.save_image=true test.save_gt_image=true",
    ),
}

# Subcommands owned by other layers: name -> "module:function" that registers an argparse parser.
TOOL_SUBCOMMANDS: dict[str, str] = {
    "data": "splatbench.cli.data:add_parser",
    "depth": "splatbench.cli.depth:add_parser",
    "reconstruct": "splatbench.cli.reconstruct:add_parser",
    "preprocess": "splatbench.cli.preprocess:add_parser",
    "poses-eval": "splatbench.cli.poses_eval:add_parser",
    "benchmark": "splatbench.cli.benchmark:add_parser",
    "bench": "splatbench.cli.bench:add_parser",
    "methods": "splatbench.cli.methods:add_parser",
}


class OneLineArgumentParser(argparse.ArgumentParser):
    """argparse that reports a bad argument as one line (``prog: error: ...``, exit status 2)
    instead of the usage block; ``--help`` still shows everything. Subparsers inherit the class."""

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _hydra_job_parser(subparsers, mode: str) -> None:
    summary, example = HYDRA_JOB_HELP[mode]
    parser = subparsers.add_parser(
        mode,
        help=summary,
        description=f"{summary}\n\nExample:\n  {example}\n\n"
        "Useful Hydra flags: '--cfg job' prints the resolved config and exits; '--info' shows the "
        "config search path. The config tree lives in splatbench/config/hydra.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="show this help and exit")
    parser.add_argument("overrides", nargs=argparse.REMAINDER, help="Hydra overrides, e.g. +experiment=re10k")
    parser.set_defaults(handler=lambda args, mode=mode: _run_hydra_job(mode, args.overrides))


def _run_hydra_job(mode: str, overrides: list[str]) -> int:
    if any(o.split("=", 1)[0].lstrip("+~") == "mode" for o in overrides):
        print(f"splatbench {mode}: do not pass mode=...; the subcommand sets it", file=sys.stderr)
        return 2
    from splatbench.cli.hydra_main import main as hydra_main

    hydra_main([*overrides, f"mode={mode}"])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineArgumentParser(
        prog="splatbench",
        description="Train, evaluate and benchmark feed-forward 3D Gaussian Splatting.",
        epilog="Run 'splatbench SUBCOMMAND --help' for each subcommand's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"splatbench {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for mode in HYDRA_JOB_HELP:
        _hydra_job_parser(subparsers, mode)
    for name, target in TOOL_SUBCOMMANDS.items():
        module_name, function_name = target.split(":")
        try:
            register: Callable = getattr(importlib.import_module(module_name), function_name)
        except (ImportError, AttributeError) as error:  # a layer that failed to import must not hide the others
            broken = subparsers.add_parser(name, help=f"(unavailable: {error})")
            broken.set_defaults(handler=lambda args, e=error: _unavailable(e))
            continue
        register(subparsers)
    return parser


def _unavailable(error: Exception) -> int:
    print(f"splatbench: this subcommand could not be loaded: {error}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    result = handler(args)
    return int(result or 0)


if __name__ == "__main__":
    raise SystemExit(main())
