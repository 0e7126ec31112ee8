/** The card field's element id: the label, the component, and the wiring that gives keys back to it. */
export const CARD_INPUT_ID = 'card-input';
