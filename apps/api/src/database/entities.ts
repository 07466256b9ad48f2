import { Municipality, Prefecture, Region } from '../geography/geography.entities';
import { Organisation } from '../organisations/organisation.entity';
import { Unit, UnitHistory } from '../units/unit.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [Prefecture, Region, Municipality, Organisation, User, Unit, UnitHistory];
