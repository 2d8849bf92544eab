/** File types an estate import takes (detection is by content; this only guides the file picker). */
export const ACCEPT = ".xlsx,.zip,.csv,.vmx,.vmdk,.ovf,.ova,.xml,.conf,.vbox,.json";
