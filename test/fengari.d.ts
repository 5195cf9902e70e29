// The part of fengari (a Lua VM in JavaScript, no published types) the Application health check's test uses.
declare module 'fengari' {
  type LuaState = object;
  type LuaOpen = (L: LuaState) => number;
  export const lua: { LUA_OK: number; lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number; lua_tostring(L: LuaState, index: number): Uint8Array; lua_pop(L: LuaState, n: number): void };
  export const lauxlib: { luaL_newstate(): LuaState; luaL_loadstring(L: LuaState, source: Uint8Array): number; luaL_requiref(L: LuaState, name: Uint8Array, open: LuaOpen, global: number): void };
  export const lualib: {
    luaL_openlibs(L: LuaState): void;
    LUA_LOADLIBNAME: string;
    LUA_TABLIBNAME: string;
    LUA_OSLIBNAME: string;
    luaopen_package: LuaOpen;
    luaopen_base: LuaOpen;
    luaopen_table: LuaOpen;
    luaopen_os: LuaOpen;
  };
  export function to_luastring(text: string): Uint8Array;
  export function to_jsstring(bytes: Uint8Array): string;
}
