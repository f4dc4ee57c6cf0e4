"""Generator of the synthetic course datasets in ``data/`` (run ``python -m datagen``).

Each module here makes one dataset family with its own fixed seed and
exposes ``write(data_dir: pathlib.Path) -> list[pathlib.Path]``, returning the
files it wrote.  ``python -m datagen`` runs every such module, so the data in
the repository can always be rebuilt bit for bit.
"""
