// libtorch here computes NaN gradients when two threads train at once, even on separate
// models (measured: 5 of 80 steps with one intra-op thread, 17 of 80 with two). Torch tests
// therefore run one at a time; the kit itself never trains on two threads.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
