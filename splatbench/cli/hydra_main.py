"""Hydra entry point shared by ``python -m src.main``, ``python -m splatbench`` and ``splatbench train|test``.

It composes the shipped config tree, converts it into the typed :class:`RootCfg`, validates it, and
only then hands it to the training/testing loop. A configuration problem (including an override
Hydra cannot apply) and every :class:`~splatbench.errors.SplatbenchError` raised by the run (bad
data, a checkpoint that does not fit, no scene evaluated) end the process with one line on stderr
and exit status 2, never a traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import hydra
from omegaconf import DictConfig, OmegaConf

from splatbench.config.loader import ConfigError
from splatbench.errors import SplatbenchError, exit_with_one_line, one_line

logger = logging.getLogger("splatbench")

# Absolute, so the tree is found whichever module (src.main, splatbench, the console script) starts Hydra.
CONFIG_PATH = str(Path(__file__).resolve().parents[1] / "config" / "hydra")
CONFIG_NAME = "main"


def load_config(cfg: DictConfig):
    """DictConfig -> validated RootCfg (raises ConfigError)."""
    from splatbench.config.validate import build_root_config, validate

    container = OmegaConf.to_container(cfg, resolve=True)
    return validate(build_root_config(container))


def run_config(cfg: DictConfig) -> None:
    try:
        root = load_config(cfg)
    except ConfigError as error:
        exit_with_one_line("splatbench: config error", error)
    except FileNotFoundError as error:
        exit_with_one_line("splatbench", error)

    from splatbench.training.run import run

    try:
        run(root)
    except SplatbenchError as error:
        exit_with_one_line(f"splatbench {root.mode}", error)


def hydra_error_line(error: BaseException) -> str:
    """Hydra's multi-line override report as one line: its unindented lines, joined."""
    lines = []
    for line in str(error).splitlines():
        if not line.strip() or line[:1].isspace() or line.startswith("Set the environment variable HYDRA_FULL_ERROR"):
            continue
        lines.append(line.strip())
    return one_line(" ".join(lines[:3]) or type(error).__name__)


def check_overrides(overrides: list[str]) -> None:
    """Compose once before Hydra runs, so that an override Hydra rejects (an unknown key without
    ``+``, a missing config group option) becomes one line and exit status 2."""
    if any(arg.startswith("-") for arg in overrides):
        return  # Hydra's own flags (--cfg, --help, -m) are left to Hydra
    from hydra.errors import HydraException
    from omegaconf.errors import OmegaConfBaseException

    try:
        compose([o for o in overrides if not o.startswith(("hydra.", "+hydra.", "++hydra."))])
    except (HydraException, OmegaConfBaseException) as error:
        exit_with_one_line("splatbench: config error", ConfigError(hydra_error_line(error)))


@hydra.main(version_base=None, config_path=CONFIG_PATH, config_name=CONFIG_NAME)
def hydra_main(cfg: DictConfig) -> None:
    run_config(cfg)


def compose(overrides: list[str] | None = None) -> DictConfig:
    """Compose the config without running anything (tests, notebooks)."""
    from hydra import compose as hydra_compose
    from hydra import initialize_config_dir

    with initialize_config_dir(version_base=None, config_dir=CONFIG_PATH):
        return hydra_compose(config_name=CONFIG_NAME, overrides=list(overrides or []))


def main(argv: list[str] | None = None) -> None:
    """Run Hydra with ``argv`` as the override list (``None``: the process arguments)."""
    if argv is not None:
        sys.argv = [sys.argv[0], *argv]
    check_overrides(sys.argv[1:])
    hydra_main()
