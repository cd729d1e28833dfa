"""``python -m src.main OVERRIDES...``: identical to ``python -m splatbench OVERRIDES...``."""

if __name__ == "__main__":
    from splatbench.cli.hydra_main import main

    main()
