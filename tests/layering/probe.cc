// A translation unit of one layer that includes PROBE_HEADER (set per probe
// target in CMakeLists.txt). scripts/check_layers.sh builds every probe: one
// naming a header of a layer below must compile, one naming a layer above or
// beside must fail with "file not found".
#include PROBE_HEADER
