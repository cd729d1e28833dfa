"""``python -m splatbench``: Hydra overrides go to the train/test job (as ``python -m src.main``);
a subcommand name (``train``, ``test``, ``data``, ...) goes to the ``splatbench`` console command."""

import sys


def _entry() -> int:
    from splatbench.cli.main import TOOL_SUBCOMMANDS, HYDRA_JOB_HELP, main

    first = sys.argv[1] if len(sys.argv) > 1 else ""
    if first in TOOL_SUBCOMMANDS or first in HYDRA_JOB_HELP or first in ("-h", "--help", "--version"):
        return main(sys.argv[1:])
    from splatbench.cli.hydra_main import main as hydra_main

    hydra_main()
    return 0


if __name__ == "__main__":
    raise SystemExit(_entry())
