// pagedjs-cli ships no types; browser.ts describes the part of its Printer we use.
declare module "pagedjs-cli";
