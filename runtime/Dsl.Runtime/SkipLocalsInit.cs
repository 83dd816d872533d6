using System.Runtime.CompilerServices;

// The hot paths keep several structs in locals (step states, windows, parameters); zeroing their
// frames on every call is measurable, and C#'s definite assignment already guarantees each local
// is written before it is read. The one stackalloc (WindowSpec.First) reads only what it wrote.
[module: SkipLocalsInit]
