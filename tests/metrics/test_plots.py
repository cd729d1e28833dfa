"""Training-curve plot: reads Lightning CSV logs (gaps and several versions) and writes a PNG."""

from __future__ import annotations

from PIL import Image

from splatbench.evaluation.plots import plot_training_curves, read_metric_series


def test_training_curves_from_csv_logs(tmp_path):
    first = tmp_path / "version_0" / "metrics.csv"
    second = tmp_path / "version_1" / "metrics.csv"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text("step,loss/total,train/psnr,val/psnr\n10,0.02,17.0,\n20,0.01,19.0,\n20,,,18.5\n")
    second.write_text("step,loss/total,train/psnr\n30,0.008,21.0\n")
    assert read_metric_series(first, "train/psnr") == ([10.0, 20.0], [17.0, 19.0])
    assert read_metric_series(first, "val/psnr") == ([20.0], [18.5])
    png = plot_training_curves([first, second], tmp_path / "curves.png", baseline_psnr=15.0, test_psnr=20.0)
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size[0] > 500 and image.size[1] > 200
