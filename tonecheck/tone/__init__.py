"""The cool-and-cordial classifier: features (text -> numbers), the shipped model (load + score,
without scikit-learn at run time), and training (the only writer of ``models/``)."""
