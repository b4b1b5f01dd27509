"""Spreadsheet hosts: the only package that imports a spreadsheet library."""
