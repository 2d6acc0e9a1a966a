// The functions are static inline in include/cnet.h; SwiftPM wants a source file.
