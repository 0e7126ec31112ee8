import { axeGate } from './axe';

axeGate('en');
