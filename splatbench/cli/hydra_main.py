"""Hydra entry point shared by ``python -m src.main``, ``python -m splatbench`` and ``splatbench train|test``.

It composes the shipped config tree, converts it into the typed :class:`RootCfg`, validates it, and
only then hands it to the training/testing loop. A configuration problem ends the process with
one line on stderr (exit status 2), never a traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import hydra
from omegaconf import DictConfig, OmegaConf

from splatbench.config.loader import ConfigError

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
        print(f"splatbench: config error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    except FileNotFoundError as error:
        print(f"splatbench: {error}", file=sys.stderr)
        raise SystemExit(2) from None

    from splatbench.training.run import run

    run(root)


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
    hydra_main()
