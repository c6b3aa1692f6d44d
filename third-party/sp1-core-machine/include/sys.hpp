#pragma once

#include "add_sub.hpp"
#include "bitwise.hpp"
#include "cpu.hpp"
#include "lt.hpp"
#include "memory.hpp"
#include "mul.hpp"
#include "sll.hpp"
#include "sp1-core-machine-sys-cbindgen.hpp"
#include "sr.hpp"
#include "memory_local.hpp"
#include "memory_global.hpp"
#include "syscall.hpp"