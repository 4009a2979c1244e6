"""The all-pairs tasks on a real two-worker Dask LocalCluster (processes on this machine)."""

from __future__ import annotations

import os
import signal
import threading

import numpy as np
import pytest
import scipy.sparse as sp

from compare.similarity.allpairs import all_pairs, all_pairs_dask, save_vectors

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1")
    with Client(cluster) as c:
        yield c
    cluster.close()


def _corpus(n: int) -> sp.csr_matrix:
    rows = sp.random(n, 2_000, density=0.02, format="csr", random_state=3, dtype=np.float32)
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ rows, dtype=np.float32)


def test_local_cluster_gives_the_single_process_pairs(client, tmp_path):
    folder = save_vectors(_corpus(4_000), tmp_path / "v")
    alone = all_pairs(folder, 10, block=700)
    spread = all_pairs_dask(folder, 10, client, block=700)
    assert (spread.indices == alone.indices).all()
    np.testing.assert_array_equal(spread.scores, alone.scores)


def test_a_worker_killed_mid_run_is_replaced_and_the_result_is_complete(client, tmp_path):
    folder = save_vectors(_corpus(3_000), tmp_path / "v")
    alone = all_pairs(folder, 5, block=250)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = threading.Event()

    def kill_after_first(done: int, total: int) -> None:
        if not killed.is_set():
            os.kill(victim, signal.SIGKILL)
            killed.set()

    spread = all_pairs_dask(folder, 5, client, block=250, progress=kill_after_first)
    assert killed.is_set() and victim not in client.run(os.getpid).values()
    assert (spread.indices == alone.indices).all()
    np.testing.assert_array_equal(spread.scores, alone.scores)
