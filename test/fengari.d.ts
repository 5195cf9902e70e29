// The part of fengari (a Lua VM in JavaScript, no published types) the Application health check's test uses.
declare module 'fengari' {
  type LuaState = object;
  export const lua: { LUA_OK: number; lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number; lua_tostring(L: LuaState, index: number): Uint8Array };
  export const lauxlib: { luaL_newstate(): LuaState; luaL_loadstring(L: LuaState, source: Uint8Array): number };
  export const lualib: { luaL_openlibs(L: LuaState): void };
  export function to_luastring(text: string): Uint8Array;
  export function to_jsstring(bytes: Uint8Array): string;
}
