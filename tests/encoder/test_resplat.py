

def test_speed_benchmark_times_a_resplat_case(tmp_path):
    """``splatbench bench --cases resplat_base_2v_256`` (the GPU run) takes the same path."""
    from splatbench.evaluation.speed import CASES, BenchOptions, bench_case

    assert CASES["resplat_base_2v_256"].preset == "resplat-base"
    figures = bench_case(CASES["resplat_tiny_2v_32"], BenchOptions(device="cpu", repeats=1, warmup=0, precisions=["fp32"]),
                         torch.device("cpu"))["precisions"]["fp32"]  # fmt: skip
    assert figures["encoder_ms"] > 0 and figures["end_to_end_ms"] > 0
