#include <cstdio>
int main() { std::puts("ferry"); return 0; }
