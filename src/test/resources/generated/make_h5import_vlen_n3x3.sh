#!/bin/sh
# Regenerates h5import_vlen_n3x3.gctx with the HDF5 command-line tools (Debian: hdf5-tools).
# A GCTX written by the HDF5 C library itself, covering what the cmapPy fixtures do not:
# variable-length string ids/metadata, int32 and float32 metadata, a float32 matrix in several
# chunks (B-tree chunk index) with deflate, and a NaN value.
set -eu
out="$(cd "$(dirname "$0")" && pwd)/h5import_vlen_n3x3.gctx"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
printf '1.5 2.5 3.5\n4.5 5.5 6.5\n7.5 8.5 NaN\n' > mat.txt
printf 'PATH /0/DATA/0/matrix\nINPUT-CLASS TEXTFP\nINPUT-SIZE 64\nRANK 2\nDIMENSION-SIZES 3 3\nOUTPUT-CLASS FP\nOUTPUT-SIZE 32\nCHUNKED-DIMENSION-SIZES 1 3\nCOMPRESSION-TYPE GZIP\nCOMPRESSION-PARAM 6\n' > mat.conf
printf 'g1\ng2\ng3\n' > rid.txt
printf 'PATH /0/META/ROW/id\nINPUT-CLASS STR\nRANK 1\nDIMENSION-SIZES 3\n' > rid.conf
printf 's1\ns2\ns3\n' > cid.txt
printf 'PATH /0/META/COL/id\nINPUT-CLASS STR\nRANK 1\nDIMENSION-SIZES 3\n' > cid.conf
printf 'TP53\nna\nEGFR\n' > sym.txt
printf 'PATH /0/META/ROW/pr_gene_symbol\nINPUT-CLASS STR\nRANK 1\nDIMENSION-SIZES 3\n' > sym.conf
printf '7157 -666 1956\n' > gid.txt
printf 'PATH /0/META/ROW/pr_gene_id\nINPUT-CLASS TEXTIN\nINPUT-SIZE 32\nRANK 1\nDIMENSION-SIZES 3\nOUTPUT-CLASS IN\nOUTPUT-SIZE 32\n' > gid.conf
printf '0.1 -666 2.5e-7\n' > sc.txt
printf 'PATH /0/META/ROW/score\nINPUT-CLASS TEXTFP\nINPUT-SIZE 32\nRANK 1\nDIMENSION-SIZES 3\nOUTPUT-CLASS FP\nOUTPUT-SIZE 32\n' > sc.conf
rm -f "$out"
h5import mat.txt -c mat.conf rid.txt -c rid.conf cid.txt -c cid.conf sym.txt -c sym.conf \
    gid.txt -c gid.conf sc.txt -c sc.conf -o "$out"
