import sys
from pathlib import Path

# The published command lines live beside the tests as plain data.
sys.path.insert(0, str(Path(__file__).resolve().parent))
