/** The AAD of a registration's sealed form: bound to its row, so a form copied onto another row does not decrypt. */
export const registrationAad = (id: string) => `registration:${id}:form`;
