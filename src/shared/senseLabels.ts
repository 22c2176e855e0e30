/**
 * Short, distinct labels and one-line descriptions of the 53 CoarseWSD-20 senses (our own text).
 * The dataset names several senses after the bare Wikipedia title (`bank_bank`, `apple_apple`), which
 * shows as "bank → bank"; these labels always say which sense is meant. Keyed by the dataset's sense
 * id, which people see only as a tooltip (the hover's plot link, the plot's points) and in the plot's
 * CSV; hovers, annotations and legends show the labels alone. Dependency-free: the
 * VS Code layer reads the descriptions without loading the engine.
 */

export interface SenseText {
  /** e.g. `bank (financial institution)`; never the bare word. */
  readonly label: string;
  /** One sentence saying what the sense is. */
  readonly description: string;
}

const TEXTS: ReadonlyMap<string, SenseText> = new Map(
  (
    [
      ['apple_apple', 'apple (fruit)', 'The fruit of the apple tree.'],
      ['apple_apple_inc.', 'Apple Inc.', 'The technology company that makes the iPhone and the Mac.'],
      ['arm_arm', 'arm (limb)', 'The upper limb of the body, from shoulder to hand.'],
      ['arm_arm_architecture', 'ARM architecture', 'The family of processor designs used in most phones.'],
      ['bank_bank', 'bank (financial institution)', 'An institution that keeps deposits and lends money.'],
      ['bank_bank_(geography)', 'bank (geography)', 'The land along the edge of a river or lake.'],
      ['bass_bass_guitar', 'bass guitar', 'The low-pitched guitar of bands, usually electric.'],
      ['bass_double_bass', 'double bass', 'The largest and lowest bowed string instrument.'],
      ['bass_bass_(voice_type)', 'bass (voice)', 'The lowest male singing voice.'],
      ['bow_bow_(ship)', 'bow (ship)', 'The front end of a ship or boat.'],
      ['bow_bow_and_arrow', 'bow (archery)', 'The weapon that shoots arrows.'],
      ['bow_bow_(music)', 'bow (music)', 'The stick strung with hair that plays a string instrument.'],
      ['chair_chair', 'chair (seat)', 'A seat for one person, with a back.'],
      ['chair_chairman', 'chair (chairperson)', 'The person who leads a meeting, board or committee.'],
      ['club_club', 'club (association)', 'A group of people who meet for a shared interest, such as a sports club.'],
      ['club_nightclub', 'club (nightclub)', 'A venue for music and dancing at night.'],
      ['club_club_(weapon)', 'club (weapon)', 'A heavy stick used to strike.'],
      ['crane_crane_(bird)', 'crane (bird)', 'A tall wading bird with a long neck and legs.'],
      ['crane_crane_(machine)', 'crane (machine)', 'A machine that lifts and moves heavy loads.'],
      ['deck_deck_(building)', 'deck (terrace)', 'An open wooden platform built onto a house.'],
      ['deck_deck_(ship)', 'deck (ship)', 'A floor of a ship.'],
      ['digit_numerical_digit', 'digit (numeral)', 'One of the symbols 0–9 that write numbers.'],
      ['digit_digit_(anatomy)', 'digit (finger or toe)', 'A finger or toe.'],
      ['hood_hood_(comics)', 'Hood (comics)', 'A Marvel Comics villain.'],
      ['hood_hood_(headgear)', 'hood (headgear)', 'A covering for the head and neck, often part of a coat.'],
      ['hood_hood_(vehicle)', 'hood (car bonnet)', "The hinged cover over a car's engine."],
      ['java_java', 'Java (island)', 'The Indonesian island where Jakarta lies.'],
      ['java_java_(programming_language)', 'Java (programming language)', 'The object-oriented programming language.'],
      ['mole_mole_(animal)', 'mole (animal)', 'A small burrowing mammal.'],
      ['mole_mole_(unit)', 'mole (unit)', 'The SI unit of amount of substance.'],
      ['mole_mole_(espionage)', 'mole (spy)', 'A spy working inside an organisation.'],
      ['mole_mole_sauce', 'mole (sauce)', 'A Mexican sauce of chili peppers and spices.'],
      ['mole_mole_(architecture)', 'mole (breakwater)', 'A massive stone pier or breakwater.'],
      ['pitcher_pitcher', 'pitcher (baseball)', 'The baseball player who throws the ball to the batter.'],
      ['pitcher_pitcher_(container)', 'pitcher (jug)', 'A jug for pouring liquids.'],
      ['pound_pound_(currency)', 'pound (currency)', 'The currency of the United Kingdom and others.'],
      ['pound_pound_(mass)', 'pound (mass)', 'A unit of weight of about 454 grams.'],
      ['seal_seal_(musician)', 'Seal (musician)', 'The British singer-songwriter.'],
      ['seal_pinniped', 'seal (animal)', 'A marine mammal with flippers.'],
      ['seal_seal_(emblem)', 'seal (emblem)', 'A stamp or emblem that authenticates a document.'],
      ['seal_seal_(mechanical)', 'seal (mechanical)', 'A part that closes a joint against leaks.'],
      ['spring_spring_(season)', 'spring (season)', 'The season between winter and summer.'],
      ['spring_spring_(device)', 'spring (device)', 'An elastic coil that stores energy.'],
      ['spring_spring_(hydrology)', 'spring (water source)', 'A place where groundwater flows out of the ground.'],
      ['square_square_(company)', 'Square (company)', 'The payments company (now Block).'],
      ['square_square', 'square (shape)', 'A shape with four equal sides and four right angles.'],
      ['square_square_number', 'square (number)', 'A number multiplied by itself.'],
      ['square_town_square', 'square (public place)', 'An open public space in a town.'],
      ['trunk_trunk_(anatomy)', 'trunk (torso)', 'The body apart from the head and limbs.'],
      ['trunk_trunk_(botany)', 'trunk (tree)', 'The main woody stem of a tree.'],
      ['trunk_trunk_(automobile)', 'trunk (car boot)', 'The luggage compartment of a car.'],
      ['yard_yard', 'yard (unit of length)', 'A unit of length of three feet (0.9144 m).'],
      ['yard_yard_(sailing)', 'yard (sailing spar)', 'A spar across a mast from which a sail hangs.'],
    ] as const
  ).map(([id, label, description]) => [id, { label, description }]),
);

/** Label and description of a CoarseWSD-20 sense id, or undefined for a sense not in the dataset. */
export function senseText(sense: string): SenseText | undefined {
  return TEXTS.get(sense);
}

/** Every sense id with a text (the 53 of CoarseWSD-20). */
export function knownSenses(): string[] {
  return [...TEXTS.keys()];
}

/**
 * A label without the word it belongs to, for places next to the word itself (annotations):
 * `bank (geography)` → `geography`; a label of another form (`bass guitar`, `Apple Inc.`) as it is.
 */
export function shortLabel(word: string, label: string): string {
  const prefix = `${word.toLowerCase()} (`;
  return label.toLowerCase().startsWith(prefix) && label.endsWith(')') ? label.slice(prefix.length, -1) : label;
}
