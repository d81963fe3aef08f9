"""Reading and writing arrangements, and exports to other formats (the ``io`` extra)."""
